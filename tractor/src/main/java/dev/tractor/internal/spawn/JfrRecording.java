package dev.tractor.internal.spawn;

import java.util.ArrayList;
import java.util.List;

/**
 * A child's copy of this JVM's {@code -XX:StartFlightRecording}: the same recording, written to a file
 * of its own. Every JVM of a tree records (with the settings the root was given), and a {@code filename}
 * {@code rec.jfr} becomes {@code rec@<actor>-%p.jfr} in a child (and in its children, whose parent's
 * suffix it replaces): JFR puts the process id in place of {@code %p}, so no two processes write the same
 * file. A filename without {@code .jfr} (a directory) is
 * kept: JFR names the files in it by process id already, as it does when no filename is given.
 */
final class JfrRecording {
    private static final String OPTION = "-XX:StartFlightRecording";
    /** The suffix a parent's rewriting left, which a grandchild's replaces. */
    private static final java.util.regex.Pattern CHILD_SUFFIX = java.util.regex.Pattern.compile("@[A-Za-z0-9._-]+-%p$");

    private JfrRecording() {
    }

    /** {@code option} as a child named {@code actor} gets it: rewritten if it is a recording to a file. */
    static String forChild(String option, String actor) {
        if (!option.startsWith(OPTION + ":") && !option.startsWith(OPTION + "=")) {
            return option;
        }
        List<String> parameters = new ArrayList<>();
        for (String parameter : option.substring(OPTION.length() + 1).split(",", -1)) {
            if (parameter.startsWith("filename=") && parameter.endsWith(".jfr")) {
                String file = parameter.substring("filename=".length(), parameter.length() - ".jfr".length());
                file = CHILD_SUFFIX.matcher(file).replaceFirst("");
                parameter = "filename=" + file + "@" + actor.replaceAll("[^A-Za-z0-9._-]", "_") + "-%p.jfr";
            }
            parameters.add(parameter);
        }
        return option.substring(0, OPTION.length() + 1) + String.join(",", parameters);
    }
}
