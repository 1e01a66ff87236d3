package dev.holdout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * What to tell someone whose run ran out of memory: what ran out, how big the inputs named on the command line
 * are (the files and folders of its options, and the files a JSON spec among them names, such as a training
 * job's channels), the JVM's maximum heap, and how to give it more through {@code HOLDOUT_JAVA_OPTS}, which the
 * launcher passes to {@code java}.
 *
 * <pre>{@code
 * MemoryAdvice.describe(new OutOfMemoryError("Java heap space"), parsed);
 * // "out of memory (Java heap space) with a maximum heap of 1.0 GB, on big.csv (2.3 GB). Give the JVM more memory,
 * //  e.g. HOLDOUT_JAVA_OPTS=-Xmx4g ./holdout split ... (this machine has 23.5 GB), or work on a sample of the rows"
 * }</pre>
 */
final class MemoryAdvice {
    static final String JAVA_OPTS_ENV = "HOLDOUT_JAVA_OPTS";
    private static final long GB = 1L << 30;

    private MemoryAdvice() {}

    static String describe(OutOfMemoryError oom, CommandLine.ParseResult parsed) {
        String what = oom.getMessage() == null ? "Java heap space" : oom.getMessage();
        String lower = what.toLowerCase(Locale.ROOT);
        Map<Path, Long> inputs = parsed == null ? Map.of() : inputs(parsed);
        String on = inputs.isEmpty() ? "" : ", on " + describe(inputs);
        String command = parsed == null ? "./holdout ..." : "./holdout " + String.join(" ", verbs(parsed)) + " ...";
        if (lower.contains("requested array size exceeds")) {
            return "out of memory: one array would be larger than Java allows (2^31 elements)" + on
                    + "; the input is too large for one table: work on a sample of the rows or fewer columns";
        }
        if (lower.contains("native thread")) {
            return "the system refused to start another thread (" + what + "); close other programs or raise the process limit (ulimit -u)";
        }
        long heap = Runtime.getRuntime().maxMemory();
        long machine = physicalMemory();
        StringBuilder sb = new StringBuilder("out of memory (").append(what).append(") with a maximum heap of ").append(size(heap)).append(on).append(". ");
        long cap = machine > 0 ? machine * 3 / 4 : Long.MAX_VALUE;
        if (heap >= cap) {
            sb.append("The heap already has three quarters of this machine's ").append(size(machine))
                    .append(": work on a sample of the rows, or use a machine with more memory");
        } else {
            // a CSV held as columns takes a few times its size on the heap; the heap must also grow past what failed
            long inputBytes = inputs.values().stream().mapToLong(v -> Math.max(v, 0)).sum();
            long want = Math.max(Math.max(2 * heap, heap + GB), 4 * inputBytes);
            long gb = Math.max(1, Math.min((want + GB - 1) / GB, cap / GB));
            sb.append("Give the JVM more memory, e.g. ").append(JAVA_OPTS_ENV).append("=-Xmx").append(gb).append("g ").append(command);
            if (machine > 0) sb.append(" (this machine has ").append(size(machine)).append(')');
            sb.append(", or work on a sample of the rows");
        }
        return sb.toString();
    }

    private static List<String> verbs(CommandLine.ParseResult parsed) {
        List<String> names = new ArrayList<>();
        for (CommandLine cl : parsed.asCommandLineList().subList(1, parsed.asCommandLineList().size())) names.add(cl.getCommandName());
        return names;
    }

    /** Files and folders named by the options and parameters of the innermost command, with their sizes. */
    static Map<Path, Long> inputs(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (p.hasSubcommand()) p = p.subcommand();
        Map<Path, Long> out = new LinkedHashMap<>();
        List<Object> values = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o : p.matchedOptions()) values.add(o.getValue());
        for (CommandLine.Model.PositionalParamSpec pp : p.matchedPositionals()) values.add(pp.getValue());
        for (Object v : values) {
            for (Object one : elements(v)) {
                Path path = asPath(one);
                if (path == null || !Files.exists(path)) continue;
                out.putIfAbsent(path, sizeOf(path));
                if (path.toString().endsWith(".json") && Files.isRegularFile(path)) namedIn(path, out);
            }
        }
        return out;
    }

    private static Collection<?> elements(Object v) {
        if (v instanceof Collection<?> c) return c;
        if (v instanceof Object[] a) return java.util.Arrays.asList(a);
        return java.util.Collections.singletonList(v);
    }

    /** Files a JSON spec names (a training job's channels, a tuning job's data), relative to the spec or the working folder. */
    private static void namedIn(Path spec, Map<Path, Long> out) {
        try {
            if (Files.size(spec) > 16 << 20) return;
            JsonNode root = dev.holdout.io.StrictJson.mapper().readTree(spec.toFile());
            List<String> texts = new ArrayList<>();
            collect(root, texts);
            Path base = spec.toAbsolutePath().getParent();
            for (String t : texts) {
                for (Path candidate : new Path[] {asPath(t), base == null || asPath(t) == null ? null : base.resolve(t)}) {
                    if (candidate != null && Files.isRegularFile(candidate) && !candidate.equals(spec)) {
                        out.putIfAbsent(candidate, sizeOf(candidate));
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the advice is best effort; the spec's own errors are reported elsewhere
        }
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isTextual() && texts.size() < 1_000) texts.add(node.asText());
        for (JsonNode child : node) collect(child, texts);
    }

    private static Path asPath(Object v) {
        try {
            if (v instanceof Path p) return p;
            if (v instanceof File f) return f.toPath();
            if (v instanceof String s && !s.isBlank() && s.length() < 4096) return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
        return null;
    }

    private static long sizeOf(Path p) {
        try {
            if (Files.isRegularFile(p)) return Files.size(p);
            try (Stream<Path> s = Files.walk(p, 3)) {
                return s.filter(Files::isRegularFile).limit(100_000).mapToLong(f -> {
                    try {
                        return Files.size(f);
                    } catch (IOException e) {
                        return 0;
                    }
                }).sum();
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String describe(Map<Path, Long> inputs) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Path, Long> e : inputs.entrySet()) {
            if (parts.size() == 5) {
                parts.add("…");
                break;
            }
            parts.add(e.getKey() + (e.getValue() < 0 ? "" : " (" + size(e.getValue()) + ")"));
        }
        return String.join(", ", parts);
    }

    /** 1536 -> "1.5 KB", 2.3e9 -> "2.1 GB". */
    static String size(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static long physicalMemory() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getTotalMemorySize();
            }
        } catch (RuntimeException | LinkageError e) {
            // not every JVM exposes it
        }
        return -1;
    }
}
