package dev.tractor.tools;

import dev.tractor.ActorOptions;
import dev.tractor.Tractor;
import dev.tractor.discovery.RegistryEntry;
import dev.tractor.ipc.Address;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code tractor} command ({@code bin/tractor}): {@code tractor ps} lists the actors registered with
 * the registrar of this host (or of {@code --registry}), with name, uuid, pid, parent and addresses;
 * {@code tractor ps --tree} draws them as the tree they form. It joins the running tree as a short-lived
 * root of its own (holding the user's cookie), never becomes the registrar, and leaves itself out of the
 * listing.
 *
 * <pre>
 *   tractor ps [--tree] [--registry tcp://127.0.0.1:1616[,uds:///...]]
 *   tractor --help
 * </pre>
 *
 * Exit status: 0 on success, 1 if no registrar answers (or the listing fails), 2 on a usage error.
 */
public final class TractorCommand {
    private TractorCommand() {
    }

    /**
     * Runs the command; see the class comment.
     *
     * @param args {@code ps}, then its options
     * @throws Exception never in practice: failures are reported on stderr with exit status 1
     */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** What {@code --help} prints, and the start of every usage error. */
    static final String USAGE = """
            usage: tractor ps [--tree] [--registry ADDRESS[,ADDRESS...]]

              ps                  lists the actors that the registrar of this host knows
                --tree            draws them as a tree, children under their parents
                --registry ADDR   asks the registrar at ADDR instead of the default addresses
                                  (tcp://127.0.0.1:1616 and the user's registry.sock), e.g.
                                  tcp://127.0.0.1:1616 or uds:///run/user/1000/tractor/registry.sock
              -h, --help          prints this and exits

            exit status: 0 on success, 1 if no registrar answers, 2 on a usage error""";

    /** Runs the command, printing to {@code out} and {@code err}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.length == 0 || !args[0].equals("ps")) {
            err.println(USAGE);
            return 2;
        }
        boolean tree = false;
        ActorOptions options = ActorOptions.defaults().joiningOnly().withLogLevel("ERROR");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--tree" -> tree = true;
                case "--registry" -> {
                    if (i + 1 == args.length) {
                        err.println("--registry needs an address, such as tcp://127.0.0.1:1616");
                        return 2;
                    }
                    List<Address> addresses = new ArrayList<>();
                    try {
                        for (String a : args[++i].split(",")) {
                            addresses.add(Address.parse(a.strip()));
                        }
                    } catch (IllegalArgumentException e) {
                        err.println(e.getMessage());
                        return 2;
                    }
                    options = options.withRegistryAddresses(addresses.toArray(Address[]::new));
                }
                default -> {
                    err.println("unknown option " + args[i] + "; usage: tractor ps [--tree] [--registry ADDRESS]");
                    return 2;
                }
            }
        }
        boolean asTree = tree;
        try {
            List<RegistryEntry> actors = Tractor.run("tractor-ps", options, () -> {
                String me = Tractor.currentActor().uid().uuid();
                return Tractor.registry().stream().filter(e -> !e.uuid().equals(me)).toList();
            });
            out.print(asTree ? tree(actors) : table(actors));
            return 0;
        } catch (Exception e) {
            err.println("tractor ps: " + e.getMessage());
            return 1;
        }
    }

    /**
     * One line per actor under a header, in the order they registered; with a DEBUG column (where a debugger
     * attaches) when any actor is in debug mode.
     */
    static String table(List<RegistryEntry> actors) {
        Map<String, String> names = new LinkedHashMap<>();
        actors.forEach(e -> names.put(e.uuid(), e.name()));
        boolean debug = actors.stream().anyMatch(e -> e.debugAddress().isPresent());
        List<List<String>> rows = new ArrayList<>();
        rows.add(debug ? List.of("NAME", "UUID", "PID", "PARENT", "DEBUG", "ADDRESSES")
                : List.of("NAME", "UUID", "PID", "PARENT", "ADDRESSES"));
        for (RegistryEntry e : actors) {
            List<String> row = new ArrayList<>(List.of(e.name(), e.uuid(), Long.toString(e.pid()),
                    e.parent().map(p -> names.getOrDefault(p, p)).orElse("-")));
            if (debug) {
                row.add(e.debugAddress().map(Address::toString).orElse("-"));
            }
            row.add(e.addresses().stream().map(Address::toString).collect(Collectors.joining(" ")));
            rows.add(row);
        }
        int columns = rows.getFirst().size();
        int[] width = new int[columns - 1];
        for (List<String> row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                text.append(row.get(c)).append(" ".repeat(width[c] - row.get(c).length() + 2));
            }
            text.append(row.get(columns - 1)).append('\n');
        }
        return text.toString();
    }

    /** The actors as the tree they form: each under its parent, roots (and orphans) at the left. */
    static String tree(List<RegistryEntry> actors) {
        Map<String, RegistryEntry> byUuid = new LinkedHashMap<>();
        actors.forEach(e -> byUuid.put(e.uuid(), e));
        StringBuilder text = new StringBuilder();
        for (RegistryEntry e : actors) {
            if (e.parent().isEmpty() || !byUuid.containsKey(e.parent().get())) {
                branch(e, actors, "", true, true, text);
            }
        }
        return text.toString();
    }

    private static void branch(RegistryEntry e, List<RegistryEntry> all, String indent, boolean last, boolean top,
            StringBuilder text) {
        text.append(indent).append(top ? "" : last ? "`-- " : "|-- ").append(e.name()).append(" (pid ")
                .append(e.pid()).append(", ").append(e.uuid(), 0, Math.min(8, e.uuid().length()))
                .append(e.debugAddress().map(a -> ", debug " + a).orElse("")).append(")\n");
        List<RegistryEntry> children = all.stream()
                .filter(c -> c.parent().map(e.uuid()::equals).orElse(false)).toList();
        String next = top ? "" : indent + (last ? "    " : "|   ");
        for (int i = 0; i < children.size(); i++) {
            branch(children.get(i), all, next, i == children.size() - 1, false, text);
        }
    }
}
