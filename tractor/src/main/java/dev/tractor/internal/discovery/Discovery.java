package dev.tractor.internal.discovery;

import dev.tractor.Actor;
import dev.tractor.NoSuchFunction;
import dev.tractor.TractorException;
import dev.tractor.discovery.RegistryEntry;
import dev.tractor.internal.ipc.Channel;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.ipc.Server;
import dev.tractor.internal.msg.Payload;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.IpcException;
import dev.tractor.ipc.TransportClosed;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One actor's part in discovery: finding the registrar (or becoming it), registering this actor, and
 * answering lookups (Python tractor's {@code _discovery}).
 *
 * <p>Implementation overview. A root probes the registry addresses in order: the first that answers
 * with a registrar's identity ({@code Aid.is_registrar}) is the registrar, and the root registers with
 * it over that connection, which it keeps. If nothing listens at any of them, the root binds them all
 * and becomes the registrar: its {@link Registry} lives here, and it registers itself in it. Something
 * else listening there (another program, or a registrar of another secret) is an error, never silently
 * passed over. A TCP address with port 0 is not probed: the root binds a free port, and only its own
 * tree (which gets the real address in its {@code SpawnSpec}) uses that registrar. Children register
 * in the background once they have connected to their parent.
 *
 * <p>The registrar's functions are runtime calls ({@code ns: "self"}): {@code register_actor},
 * {@code unregister_actor}, {@code find_actor}, {@code wait_for_actor}, {@code get_registry}. An entry
 * belongs to the connection it was registered over: when that connection ends (the actor exits, or
 * dies), the entry is dropped. Unregistering is therefore closing that connection. A registration that
 * is served after its connection has ended leaves nothing behind: the end cancels the call, which then
 * does not run, or undoes what it did (see {@code CallServer}).
 */
public final class Discovery {
    /** The system property with the registry addresses, comma-separated. */
    public static final String PROPERTY = "tractor.registry";

    /**
     * The {@code SpawnSpec} runtime variable that tells a child its parent is the registrar: it registers
     * over the connection it has with its parent, rather than over one of its own.
     */
    public static final String PARENT_IS_REGISTRAR = "_parent_is_registrar";

    private static final System.Logger LOG = System.getLogger("dev.tractor");

    private final DiscoveryHost runtime;
    private volatile Registry registry; // set when this actor is the registrar
    private volatile Peer registrar; // this actor's connection to the registrar, when it is not one
    private volatile boolean registrarIsParent; // that connection is the parent's (closed by the runtime)
    private volatile List<Address> addresses = List.of(); // the registry addresses, as bound
    private volatile List<Server> registryServers = List.of();
    /** The registrar's: the connections that actors registered over. */
    private final java.util.Set<Channel> registrations = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // Set once joining has ended, however it ended: a child joins in the background, and its lookups
    // wait for that instead of finding no registrar yet.
    private final dev.tractor.sc.Event joined = new dev.tractor.sc.Event();

    public Discovery(DiscoveryHost runtime) {
        this.runtime = runtime;
    }

    /**
     * The registry addresses when none are given: the system property {@value #PROPERTY}, else TCP
     * {@code 127.0.0.1:1616} and the Unix socket {@code registry.sock} in the user's socket directory.
     */
    public static List<Address> defaultAddresses() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            List<Address> parsed = new ArrayList<>();
            for (String a : configured.split(",")) {
                parsed.add(Address.parse(a.strip()));
            }
            return List.copyOf(parsed);
        }
        return builtInAddresses();
    }

    /** Whether this actor is the registrar of its tree. */
    public boolean isRegistrar() {
        return registry != null;
    }

    /** The registry addresses, as this actor knows them (real ports once bound); empty before joining. */
    public List<Address> addresses() {
        return addresses;
    }

    /**
     * Finds the registrar at {@code candidates} and registers this actor there, or, if
     * {@code mayBecomeRegistrar} and nobody listens there, becomes the registrar. Blocks while probing
     * and binding; the registration itself is a call, a checkpoint.
     *
     * @throws TractorException if an address is taken by something that is not a registrar of this tree
     */
    public void join(List<Address> candidates, Optional<String> parentUuid, boolean mayBecomeRegistrar) {
        JoinRequest request = new JoinRequest(candidates, parentUuid, mayBecomeRegistrar);
        joinedWith = request;
        try {
            joinOnce(request);
        } catch (RegistryAddressTaken taken) {
            if (!mayBecomeRegistrar || !candidates.equals(builtInAddresses()) || System.getProperty(PROPERTY) != null) {
                // addresses the program asked for: it means to use discovery there (a plain TractorException
                // outside: this type is how probing tells the two cases apart, not API)
                throw new TractorException(taken.getMessage(), taken.getCause());
            }
            // The built-in addresses, held by a stranger (another program, another user's tree, a Python
            // tractor registrar): a program that never looks anyone up must not fail for that. It goes on
            // with a registrar of its own, which other programs cannot find, and says so once.
            List<Address> own = List.of(Address.Tcp.loopback(0));
            LOG.log(Level.WARNING, "{0}: {1}. This program goes on with a registrar of its own on a free port, "
                    + "which other programs cannot find; to meet them, give every program the same free address "
                    + "with -D{2}=ADDRESS (or ActorOptions.withRegistryAddresses)", runtime.uid(), taken.getMessage(),
                    PROPERTY);
            joinedWith = new JoinRequest(own, parentUuid, true);
            become(own);
        } finally {
            joined.set();
        }
    }

    /** TCP {@code 127.0.0.1:1616} and the Unix socket {@code registry.sock} in the user's socket directory. */
    static List<Address> builtInAddresses() {
        return List.of(Address.Tcp.loopback(1616), new Address.Uds(Address.Uds.directory().resolve("registry.sock")));
    }

    /** How {@link #join} was called: kept for joining again when the registrar goes away. */
    private record JoinRequest(List<Address> candidates, Optional<String> parentUuid, boolean mayBecomeRegistrar) {
    }

    private volatile JoinRequest joinedWith;

    /** The longest pause between two attempts to find a registrar again. */
    static final Duration REJOIN_BACKOFF_MAX = Duration.ofSeconds(5);

    /**
     * The registrar went away while this actor lives: find one again, or (a root) become it, in the
     * background, retrying with a growing pause until it works or the actor ends. The table of the old
     * registrar is gone with it; every actor that registered with it registers again the same way.
     */
    private void rejoinLater() {
        JoinRequest request = joinedWith;
        Nursery service = runtime.service();
        if (request == null || service == null || runtime.isEnding()) {
            return;
        }
        try {
            service.startSoon("rejoin the registrar", () -> {
                Duration pause = Duration.ofMillis(200);
                for (;;) {
                    try {
                        joinOnce(request);
                        if (registrar != null || registry != null) {
                            LOG.log(Level.DEBUG, "{0}: {1}", runtime.uid(), registry != null
                                    ? "became the registrar at " + addresses : "registered again at " + addresses);
                            return;
                        }
                    } catch (TractorException e) {
                        LOG.log(Level.DEBUG, "{0}: no registrar yet: {1}", runtime.uid(), e.getMessage());
                    }
                    Sc.sleep(pause);
                    Duration doubled = pause.multipliedBy(2);
                    pause = doubled.compareTo(REJOIN_BACKOFF_MAX) < 0 ? doubled : REJOIN_BACKOFF_MAX;
                }
            });
        } catch (IllegalStateException closing) {
            // the actor is ending: no registrar needed any more
        }
    }

    private void joinOnce(JoinRequest request) {
        List<Address> candidates = request.candidates();
        Peer found = probe(candidates);
        if (found == null && request.mayBecomeRegistrar()) {
            try {
                become(candidates);
                return;
            } catch (TractorException lostTheRace) { // another root bound them first: join it instead
                found = probe(candidates);
                if (found == null) {
                    throw lostTheRace;
                }
            }
        }
        if (found == null && runtime.actor().isRoot()) {
            throw new TractorException("no registrar answers at " + candidates + " (this root only joins a "
                    + "running tree)");
        }
        if (found == null) {
            LOG.log(Level.DEBUG, "{0}: no registrar at {1}; not registered", runtime.uid(), candidates);
            return;
        }
        registrar = found;
        addresses = candidates;
        register(found, request.parentUuid());
    }

    /** Registers this actor with the registrar at the other end of {@code registrarPeer}. A checkpoint. */
    private void register(Peer registrarPeer, Optional<String> parentUuid) {
        runtime.call(registrarPeer, "self", "register_actor", entryKwargs(self(parentUuid)), Boolean.class);
    }

    /**
     * Registers this child with its parent, which is the registrar, over the connection they already have
     * (saving a connection and a handshake per child). A checkpoint (the registration is a call).
     */
    public void joinThroughParent(Peer parentPeer, List<Address> registryAddresses) {
        try {
            registrar = parentPeer;
            registrarIsParent = true;
            addresses = registryAddresses;
            register(parentPeer, Optional.of(parentPeer.aid().uuid()));
        } finally {
            joined.set();
        }
    }

    /** The first candidate that answers as a registrar, or null if none listens; see {@link #join}. */
    private Peer probe(List<Address> candidates) {
        for (Address a : candidates) {
            if (a instanceof Address.Tcp tcp && tcp.port() == 0) {
                continue; // a registrar of its own tree only: nothing to find
            }
            Channel channel;
            try {
                channel = Channel.connect(a);
            } catch (IpcException nobody) {
                continue;
            }
            Peer peer;
            try {
                peer = runtime.handshake(channel, "the registry address " + a);
            } catch (TractorException stranger) {
                throw new RegistryAddressTaken(a, stranger.getMessage(), stranger);
            }
            if (!peer.aid().isRegistrar()) {
                channel.close();
                throw new RegistryAddressTaken(a, "the registry address " + a + " is taken by actor "
                        + peer.aid().name() + ", which is not a registrar", null);
            }
            runtime.serve(peer);
            return peer;
        }
        return null;
    }

    /** Binds every registry address and makes this actor the registrar. */
    private void become(List<Address> candidates) {
        List<Server> bound = new ArrayList<>();
        try {
            for (Address a : candidates) {
                bound.add(Server.bind(a));
            }
        } catch (TransportClosed e) {
            bound.forEach(Server::close);
            throw new TractorException("cannot become the registrar: " + e.getMessage(), e);
        }
        Registry table = new Registry();
        registry = table;
        registryServers = List.copyOf(bound);
        addresses = bound.stream().map(Server::address).toList();
        table.register(self(Optional.empty()), this);
        for (Server s : bound) {
            runtime.serveAsRegistrar(s);
        }
    }

    private RegistryEntry self(Optional<String> parentUuid) {
        Actor me = runtime.actor();
        return new RegistryEntry(me.name(), me.uid().uuid(), me.pid(), me.addresses(), parentUuid,
                runtime.debugAddress());
    }

    /** Closes the registry servers and the connection to the registrar (which unregisters this actor). */
    public void shutDown() {
        registryServers.forEach(Server::close);
        Peer r = registrar;
        if (r != null && !registrarIsParent) {
            runtime.disconnect(r);
        }
    }

    /** A connection ended: what was registered over it is gone. */
    public void ended(Peer peer) {
        Peer r = registrar;
        if (r != null && r.channel() == peer.channel()) {
            registrar = null;
            LOG.log(Level.DEBUG, "{0}: lost the registrar {1}", runtime.uid(), peer);
            if (!registrarIsParent) { // a parent that goes ends its children too
                rejoinLater();
            }
        }
        int dropped = forget(peer.channel());
        if (dropped > 0) {
            LOG.log(Level.DEBUG, "{0}: dropped {1} registry entries of {2}", runtime.uid(), dropped, peer);
        }
    }

    /** Drops what was registered over {@code connection}; how many entries. */
    private int forget(Channel connection) {
        registrations.remove(connection);
        Registry table = registry;
        return table == null ? 0 : table.dropOwner(connection);
    }

    /** Whether an actor registered over this connection: its end is that actor's, and expected. */
    public boolean registeredOver(Peer peer) {
        return registrations.contains(peer.channel());
    }

    // ---- lookups (any actor) -------------------------------------------------------------------------

    /** Every registered actor. A checkpoint (a call to the registrar unless this actor is it). */
    public List<RegistryEntry> all() {
        joined.await();
        Registry table = registry;
        if (table != null) {
            return table.all();
        }
        return entries(registrarCall("get_registry", Map.of()));
    }

    /** The actors named {@code name}, oldest first. A checkpoint. */
    public List<RegistryEntry> find(String name) {
        joined.await();
        Registry table = registry;
        if (table != null) {
            return table.findAll(name);
        }
        return entries(registrarCall("find_actor", Map.of("name", Payload.of(name))));
    }

    /** Waits until an actor named {@code name} is registered; the newest. A checkpoint. */
    public RegistryEntry await(String name) {
        joined.await();
        Registry table = registry;
        if (table != null) {
            return table.awaitName(name);
        }
        return entries(registrarCall("wait_for_actor", Map.of("name", Payload.of(name)))).getFirst();
    }

    private Object registrarCall(String func, Map<String, Payload> kwargs) {
        joined.await(); // a checkpoint: a child may still be joining
        Peer r = registrar;
        if (r == null) {
            throw new TractorException("actor " + runtime.uid() + " knows no registrar (none was found at "
                    + addresses + ")");
        }
        return runtime.call(r, "self", func, kwargs, List.class);
    }

    // ---- the registrar's functions -------------------------------------------------------------------

    /**
     * Serves a registrar function; null if {@code func} is not one. Runs in the task that serves the call
     * (a checkpoint for {@code wait_for_actor}, and for {@code register_actor} after it has registered:
     * cancelled there, it drops what its connection registered).
     *
     * @throws NoSuchFunction if this actor is not the registrar
     */
    public Object serve(Peer peer, String func, Map<String, Payload> kwargs) {
        if (!List.of("register_actor", "unregister_actor", "find_actor", "wait_for_actor", "get_registry")
                .contains(func)) {
            return null;
        }
        Registry table = registry;
        if (table == null) {
            throw new NoSuchFunction("actor " + runtime.uid() + " is not the registrar, so it has no " + func);
        }
        return switch (func) {
            case "register_actor" -> {
                registrations.add(peer.channel());
                table.register(entry(kwargs), peer.channel());
                // The connection may have ended while this ran. Its end cancels this call first and drops
                // its entries after: either that dropped this one, or this checkpoint sees the cancellation.
                try {
                    Sc.checkpoint();
                } catch (Cancelled c) {
                    forget(peer.channel());
                    throw c;
                }
                yield true;
            }
            case "unregister_actor" -> table.unregister(kwargs.get("uuid").as(String.class));
            case "find_actor" -> wire(table.findAll(kwargs.get("name").as(String.class)));
            case "wait_for_actor" -> wire(List.of(table.awaitName(kwargs.get("name").as(String.class))));
            default -> wire(table.all());
        };
    }

    // ---- entries on the wire: maps of plain values ----------------------------------------------------

    private static Map<String, Payload> entryKwargs(RegistryEntry e) {
        Map<String, Payload> kwargs = new LinkedHashMap<>();
        wireMap(e).forEach((k, v) -> kwargs.put(k, Payload.of(v)));
        return kwargs;
    }

    private static Map<String, Object> wireMap(RegistryEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("uuid", e.uuid());
        m.put("pid", e.pid());
        m.put("addrs", e.addresses().stream().map(Address::toString).toList());
        m.put("parent", e.parent().orElse(null));
        e.debugAddress().ifPresent(a -> m.put("debug_addr", a.toString())); // absent unless in debug mode
        return m;
    }

    private static List<Map<String, Object>> wire(List<RegistryEntry> entries) {
        return entries.stream().map(Discovery::wireMap).toList();
    }

    private static RegistryEntry entry(Map<String, Payload> kwargs) {
        List<Address> addrs = new ArrayList<>();
        for (Object a : kwargs.get("addrs").as(List.class)) {
            addrs.add(Address.parse((String) a));
        }
        Payload parent = kwargs.get("parent");
        Payload debug = kwargs.get("debug_addr");
        return new RegistryEntry(kwargs.get("name").as(String.class), kwargs.get("uuid").as(String.class),
                kwargs.get("pid").as(Long.class), addrs,
                Optional.ofNullable(parent == null ? null : parent.as(String.class)),
                Optional.ofNullable(debug == null ? null : debug.as(String.class)).map(Address::parse));
    }

    private static List<RegistryEntry> entries(Object wireList) {
        List<RegistryEntry> out = new ArrayList<>();
        for (Object item : (List<?>) wireList) {
            Map<?, ?> m = (Map<?, ?>) item;
            Map<String, Payload> kwargs = new LinkedHashMap<>();
            m.forEach((k, v) -> kwargs.put((String) k, Payload.of(v)));
            out.add(entry(kwargs));
        }
        return out;
    }
}
