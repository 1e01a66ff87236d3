package dev.holdout.notebooks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import java.util.Collections;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The Jupyter kernel for Java with the Holdout toolkit built in: JShell evaluates each cell in this JVM, the
 * toolkit's packages are imported, a cell's last expression is displayed (unless the cell ends with {@code ;}),
 * Tab completes, an interrupt stops a runaway cell, and an exception fails only its cell.
 *
 * <p>Started by Jupyter through the kernelspec that {@code holdout notebook install} writes:
 * <pre>{@code
 * java -Djava.awt.headless=true -cp holdout-notebooks.jar:lib/* dev.holdout.notebooks.HoldoutKernel /run/user/0/jupyter/kernel-1.json
 * }</pre>
 * Every entry of the kernel's class path is also on JShell's, so a cell can use anything the toolkit can.
 */
public final class HoldoutKernel extends BaseKernel {
    /** The kernelspec name and the name Jupyter shows in its kernel list. */
    public static final String KERNEL_NAME = "holdout-java";
    public static final String DISPLAY_NAME = "Java (Holdout)";

    /**
     * Imported before the first cell, each on its own so that a package missing from this build (the toolkit
     * grows package by package) is skipped instead of failing the start.
     */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*", "java.io.*", "java.nio.file.*",
            "java.time.*", "tech.tablesaw.api.*",
            "dev.holdout.data.*", "dev.holdout.split.*", "dev.holdout.preprocess.*", "dev.holdout.leakage.*",
            "dev.holdout.metrics.*", "dev.holdout.train.*", "dev.holdout.report.*", "org.knowm.xchart.*",
            "static dev.holdout.notebooks.Notebook.*");

    /** JShell's wrapper class names ({@code REPL.$JShell$26.}), which mean nothing to a reader. */
    private static final Pattern SNIPPET_CLASS = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]?\\.");

    private static volatile HoldoutKernel running;
    /** Messages ZeroMQ queues for a slow front end before it drops (its default, 1,000, dropped output and status). */
    static final int IOPUB_HIGH_WATER_MARK = 100_000;

    private final CellExecutionControl control;
    private final JShell shell;
    private final List<String> imported;
    private final KernelIO kernelIo;
    private final ClasspathMagics magics;
    private final JavadocSources javadoc;
    /** System.out/err while connected to Jupyter ({@link #onStartup} to {@link #onShutdown}); null in-process. */
    private volatile CellOutput output;

    private HoldoutKernel(Builder b, KernelIO io, List<String> classpath) {
        super(b.kernelName(), b.kernelVersion(), languageInfo(), List.of(), null,
                io, b.comms(), b.renderer(), null, null, false, b.styler());
        this.kernelIo = io;
        this.control = new CellExecutionControl();
        this.shell = JShell.builder()
                .executionEngine(control.provider(), Map.of())
                .compilerOptions("-Xlint:none")
                .build();
        for (String entry : classpath) shell.addToClasspath(entry);
        this.javadoc = JavadocSources.install(classpath);
        this.magics = new ClasspathMagics(classpath, entry -> {
            shell.addToClasspath(entry);
            javadoc.addSourcesOf(Path.of(entry));
        }, MavenResolver.fromSystemProperties());
        List<String> ok = new ArrayList<>();
        for (String imp : DEFAULT_IMPORTS) {
            boolean accepted = shell.eval("import " + imp + ";").stream()
                    .allMatch(e -> e.status() == Snippet.Status.VALID);
            if (accepted) ok.add(imp);
        }
        this.imported = List.copyOf(ok);
    }

    /** A kernel whose JShell sees {@code classpath} (typically this JVM's own class path). */
    public static HoldoutKernel create(List<String> classpath) {
        Builder b = new Builder();
        return new HoldoutKernel(b, b.io(), classpath);
    }

    /** The kernel serving the current notebook, or null outside a notebook. */
    static HoldoutKernel running() {
        return running;
    }

    /** The imports every cell starts with (those that exist in this build). */
    public List<String> imports() {
        return imported;
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell",
                "java", "text/x-java", "script");
    }

    // ------------------------------------------------------------------ execution

    @Override
    public DisplayData eval(String code) {
        Object value = evalRaw(code);
        return value == null ? null : RichDisplay.render(value);
    }

    /**
     * Runs the cell snippet by snippet; returns the last snippet's value when the cell ends with an expression
     * not followed by {@code ;}, else null. A compile error, an exception or an interrupt stops the cell there.
     */
    @Override
    public Object evalRaw(String code) {
        control.beginCell();
        try {
            return evalSnippets(code);
        } finally {
            control.endCell();
        }
    }

    private Object evalSnippets(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        Snippet last = null;
        Object lastValue = null;
        String lastWritten = "";
        while (true) {
            java.util.regex.Matcher magic = MAGIC_AT_START.matcher(remaining);
            if (magic.lookingAt()) {
                // a line magic where a snippet could start: run it in its place, in order with the code around it
                if (control.interruptPending()) throw new CellInterruptedException();
                magics.run(magic.group(1));
                remaining = remaining.substring(magic.end());
                last = null;
                lastValue = null;
                continue;
            }
            CompletionInfo info = analyzeUpToMagic(analysis, remaining);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) break;
            String source;
            String rest;
            if (completeness.isComplete()) {
                source = info.source();
                rest = info.remaining();
            } else {
                source = remaining; // JShell's own diagnostics explain what is missing
                rest = "";
            }
            String written = remaining.substring(0, remaining.length() - rest.length());
            int writtenAt = code.length() - remaining.length();
            if (control.interruptPending()) throw new CellInterruptedException();
            control.reset();
            List<SnippetEvent> events = shell.eval(source);
            if (control.wasStopped() || control.interruptPending()) throw new CellInterruptedException();
            for (SnippetEvent event : events) {
                if (event.causeSnippet() != null) continue; // a dependent snippet updated as a consequence
                check(event, code, writtenAt + Math.max(0, written.indexOf(source.strip().replaceAll(";$", ""))));
                last = event.snippet();
            }
            lastValue = control.lastValue();
            lastWritten = written;
            remaining = rest;
        }
        if (last == null || lastValue == null || endsWithSemicolon(lastWritten)) return null;
        return shows(last) ? lastValue : null;
    }

    /** Blank lines, then a line starting with {@code %name}: a line magic. */
    private static final Pattern MAGIC_AT_START = Pattern.compile("(?:[ \\t]*\\R)*([ \\t]*%[A-Za-z][^\\n]*)(?:\\R|$)");
    /** The start of a later line that looks like a line magic. */
    private static final Pattern MAGIC_LATER = Pattern.compile("\\R[ \\t]*%[A-Za-z]");

    /**
     * JShell's analysis of the next snippet, looking only at the text before the next magic-looking line, so that
     * {@code x} followed by a {@code %maven} line is the expression {@code x}, not {@code x % maven}. When that
     * text alone is unfinished (the line sits inside a text block or a block), the whole rest is analysed.
     */
    private static CompletionInfo analyzeUpToMagic(SourceCodeAnalysis analysis, String remaining) {
        java.util.regex.Matcher later = MAGIC_LATER.matcher(remaining);
        if (later.find()) {
            CompletionInfo before = analysis.analyzeCompletion(remaining.substring(0, later.start()));
            if (before.completeness().isComplete() || before.completeness() == Completeness.EMPTY) {
                if (before.completeness() == Completeness.EMPTY) return before;
                // the remaining text must be measured against the whole rest, not the cut
                String rest = before.remaining() + remaining.substring(later.start());
                return new CutCompletion(before, rest);
            }
        }
        return analysis.analyzeCompletion(remaining);
    }

    /** A completion analysis of a prefix, with {@code remaining()} extended to the rest of the cell. */
    private record CutCompletion(CompletionInfo of, String remaining) implements CompletionInfo {
        @Override public Completeness completeness() {
            return of.completeness();
        }

        @Override public String source() {
            return of.source();
        }
    }

    private static boolean shows(Snippet snippet) {
        return switch (snippet.kind()) {
            case EXPRESSION -> true;
            case VAR -> snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
            default -> false;
        };
    }

    static boolean endsWithSemicolon(String written) {
        String stripped = written.replaceAll("(?m)//[^\\n\"]*$", "").strip();
        return stripped.endsWith(";");
    }

    private void check(SnippetEvent event, String cell, int snippetAt) {
        Snippet snippet = event.snippet();
        if (event.status() == Snippet.Status.REJECTED) {
            throw new CompilationException(describeDiagnostics(snippet, cell, snippetAt));
        }
        if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            throw new CompilationException("line " + lineOf(cell, snippetAt) + ": " + snippetName(snippet)
                    + " uses something not defined: " + unresolved(snippet));
        }
        if (event.status() == Snippet.Status.RECOVERABLE_DEFINED) {
            System.err.println("note: " + snippetName(snippet) + " can be used once " + unresolved(snippet)
                    + " is defined");
        }
        if (event.exception() instanceof UnresolvedReferenceException ure) {
            throw new CompilationException("line " + lineOf(cell, snippetAt) + ": "
                    + snippetName(ure.getSnippet()) + " cannot run until " + unresolved(ure.getSnippet()) + " is defined");
        }
        if (event.exception() instanceof EvalException ee) {
            Throwable original = control.lastThrown();
            if (original == null) throw new SnippetFailedException(ee.getExceptionClassName() + ": " + ee.getMessage(), ee);
            throw rethrow(original);
        }
        if (event.exception() != null) {
            throw new SnippetFailedException(String.valueOf(event.exception().getMessage()), event.exception());
        }
    }

    private static RuntimeException rethrow(Throwable original) {
        trimKernelFrames(original);
        if (original instanceof Exception e) throw HoldoutKernel.<RuntimeException>sneaky(e);
        // An Error (StackOverflowError, OutOfMemoryError...) becomes an exception Jupyter can report.
        return new SnippetFailedException(original.getClass().getSimpleName() + ": " + original.getMessage(), original);
    }

    /**
     * Cuts the frames below the cell (reflection, this kernel, the Jupyter loop) from an exception a cell threw,
     * so that the error output and the reply's traceback show the reader's code and the library, not ours.
     */
    private static void trimKernelFrames(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < frames.length; i++) {
            String cls = frames[i].getClassName();
            if (cls.startsWith("jdk.internal.reflect") || cls.startsWith("java.lang.reflect")) {
                t.setStackTrace(java.util.Arrays.copyOf(frames, i));
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Exception> T sneaky(Exception e) throws T {
        throw (T) e;
    }

    private String unresolved(Snippet snippet) {
        if (snippet instanceof jdk.jshell.DeclarationSnippet d) {
            String names = shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
            if (!names.isEmpty()) return names;
        }
        return shell.diagnostics(snippet).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; "));
    }

    private static String snippetName(Snippet snippet) {
        if (snippet instanceof jdk.jshell.DeclarationSnippet d) return d.name();
        return "this snippet";
    }

    private String describeDiagnostics(Snippet snippet, String cell, int snippetAt) {
        String source = snippet.source();
        StringBuilder sb = new StringBuilder();
        for (Diag diag : shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList())) {
            int pos = (int) Math.max(0, Math.min(diag.getPosition(), source.length()));
            int start = (int) Math.max(0, Math.min(diag.getStartPosition(), pos));
            int end = (int) Math.max(pos, Math.min(diag.getEndPosition(), source.length()));
            if (sb.length() > 0) sb.append('\n');
            String message = diag.getMessage(Locale.ROOT).strip().replaceAll("\n\\s*location: class\\s*$", "");
            sb.append("line ").append(lineOf(cell, snippetAt + start)).append(": ")
                    .append(SNIPPET_CLASS.matcher(message).replaceAll(""));
            int lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
            if (start > 0 && source.charAt(start - 1) == '\n') lineStart = start;
            int lineEnd = source.indexOf('\n', start);
            if (lineEnd < 0) lineEnd = source.length();
            String line = source.substring(lineStart, lineEnd);
            if (!line.isBlank()) {
                int caretFrom = start - lineStart;
                int caretTo = Math.max(caretFrom, Math.min(end, lineEnd) - lineStart - 1);
                sb.append("\n    ").append(line).append("\n    ").append(" ".repeat(caretFrom))
                        .append(caretTo > caretFrom ? "^" + "-".repeat(caretTo - caretFrom - 1) + "^" : "^");
            }
        }
        if (sb.length() == 0) sb.append("line ").append(lineOf(cell, snippetAt)).append(": the snippet was rejected: ")
                .append(source.strip());
        return sb.toString();
    }

    private static int lineOf(String cell, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, cell.length()); i++) if (cell.charAt(i) == '\n') line++;
        return line;
    }

    /** Jupyter's error output: the exception and its cause chain, with the frames that matter to a reader. */
    @Override
    public List<String> formatError(Throwable e) {
        List<String> lines = new ArrayList<>();
        String red = "\u001b[31;1m";
        String reset = "\u001b[0m";
        if (e instanceof CompilationException || e instanceof CellInterruptedException || e instanceof MagicException) {
            String name = e instanceof CompilationException ? "Compilation error"
                    : e instanceof MagicException ? "Magic error" : "Interrupted";
            String[] msg = e.getMessage().split("\n");
            lines.add(red + name + ": " + msg[0] + reset);
            for (int i = 1; i < msg.length; i++) lines.add(msg[i]);
            return lines;
        }
        Throwable t = e instanceof SnippetFailedException && e.getCause() != null ? e.getCause() : e;
        String prefix = "";
        Set<Throwable> seen = new LinkedHashSet<>();
        while (t != null && seen.add(t)) {
            String message = t.getMessage() == null ? "" : SNIPPET_CLASS.matcher(t.getMessage()).replaceAll("");
            lines.add(prefix + red + t.getClass().getName() + reset + (message.isEmpty() ? "" : ": " + message));
            int shown = 0;
            for (StackTraceElement frame : t.getStackTrace()) {
                String cls = frame.getClassName();
                if (cls.equals(SnippetGuard.class.getName())) continue; // the refused System.exit's stand-in
                if (cls.startsWith("jdk.internal.reflect") || cls.startsWith("java.lang.reflect")
                        || cls.startsWith("dev.holdout.notebooks.") || cls.startsWith("jdk.jshell")) break;
                if (shown++ == 8) {
                    lines.add("        ...");
                    break;
                }
                boolean cell = cls.startsWith("REPL.");
                lines.add("        at " + (!cell ? frame.toString()
                        : frame.getMethodName().startsWith("do_it$") ? "the cell"
                        : "the cell's " + frame.getMethodName() + "(...)"));
            }
            t = t.getCause();
            prefix = "Caused by: ";
        }
        return lines;
    }

    @Override
    public void interrupt() {
        shell.stop();
    }

    /**
     * The library's execute handler, with the kernel's own output: {@code System.out}/{@code err} are
     * {@link CellOutput}'s for the whole JVM (so prints from background threads reach a cell too), and what waits
     * there is published before the cell's result or error, so the reply and the idle status come last.
     */
    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        CellOutput out = output;
        if (out == null) {
            super.handleExecuteRequest(env, message);
            return;
        }
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        out.attach(env);
        kernelIo.attach(env, request.isStdinEnabled());
        env.defer(() -> kernelIo.detach(env));
        try {
            DisplayData value = out.unseen(eval(request.getCode()));
            if (value != null) out.publish(new PublishExecuteResult(count, value));
            out.flush();
            env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
        } catch (Exception e) {
            ErrorReply error = ErrorReply.of(e);
            error.setExecutionCount(count);
            out.publish(PublishError.of(e, this::formatError));
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
        }
    }

    /** {@code display(x)}: after what the cell printed so far, from any thread. */
    @Override
    public void display(DisplayData data) {
        CellOutput out = output;
        if (out != null) out.display(data);
        else super.display(data);
    }

    // ------------------------------------------------------------------ completion, inspection

    @Override
    public ReplacementOptions complete(String code, int at) {
        int start = snippetStart(code, at);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell.sourceCodeAnalysis().completionSuggestions(code.substring(start), at - start, anchor);
        String typed = code.substring(Math.min(start + anchor[0], at), at);
        LinkedHashSet<String> options = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> options.add(s.continuation()));
        suggestions.forEach(s -> options.add(s.continuation()));
        options.removeIf(option -> isObjectNoise(option, typed));
        return new ReplacementOptions(new ArrayList<>(options), start + anchor[0], at);
    }

    /** Object's methods, which every type has: offered only once the user typed the start of one. */
    static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "getClass", "notify", "notifyAll", "wait",
            "toString");

    static boolean isObjectNoise(String continuation, String typed) {
        int paren = continuation.indexOf('(');
        if (paren < 0) return false;
        String name = continuation.substring(0, paren);
        return OBJECT_METHODS.contains(name) && (typed.isEmpty() || !name.startsWith(typed));
    }

    /** Where the snippet holding {@code at} starts: after every complete snippet before the cursor. */
    private int snippetStart(String code, int at) {
        String prefix = code.substring(0, Math.max(0, Math.min(at, code.length())));
        int start = 0;
        while (start < prefix.length()) {
            CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(prefix.substring(start));
            if (!info.completeness().isComplete() || info.remaining().isBlank()) break;
            start = prefix.length() - info.remaining().length();
        }
        return start;
    }

    @Override
    public String isComplete(String code) {
        String remaining = code;
        while (true) {
            CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return IS_COMPLETE_YES;
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    if (info.remaining().isBlank()) return IS_COMPLETE_YES;
                    remaining = info.remaining();
                    break;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "    ";
                default:
                    return IS_COMPLETE_BAD;
            }
        }
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        int start = snippetStart(code, at);
        String snippet = code.substring(start);
        int cursor = at - start;
        // Javadoc at every detail level: shift-Tab asks with detail_level 0, and the signature alone says little
        List<SourceCodeAnalysis.Documentation> docs =
                shell.sourceCodeAnalysis().documentation(snippet, cursor, true);
        if (docs.isEmpty()) {
            // JShell documents a call from inside its parentheses; Jupyter asks with the cursor on the name.
            int end = cursor;
            while (end < snippet.length() && Character.isJavaIdentifierPart(snippet.charAt(end))) end++;
            String probe = snippet.substring(0, end) + "(";
            docs = shell.sourceCodeAnalysis().documentation(probe, probe.length(), true);
        }
        if (docs.isEmpty()) return null;
        String text = docs.stream()
                .map(d -> d.signature() + (d.javadoc() != null && !d.javadoc().isBlank() ? "\n\n" + plainJavadoc(d.javadoc()) : ""))
                .collect(Collectors.joining("\n\n----\n\n"));
        return new DisplayData(text);
    }

    /**
     * Javadoc as a reader wants it in a tooltip: {@code {@code x}} and {@code {@link A#b}} as their text, HTML tags
     * dropped ({@code <p>} and list items as line breaks), entities decoded, block tags ({@code @param}...) kept.
     */
    static String plainJavadoc(String javadoc) {
        String text = javadoc.replaceAll("\\{@(?:code|literal|value)\\s+([^{}]*)}", "$1")
                .replaceAll("\\{@(?:link|linkplain)\\s+[^\\s{}]+\\s+([^{}]+)}", "$1")
                .replaceAll("\\{@(?:link|linkplain)\\s+#?([^\\s{}]+)\\s*}", "$1")
                .replaceAll("(?i)<p>|<br\\s*/?>", "\n")
                .replaceAll("(?i)<li>", "\n  - ")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        text = text.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").replaceAll(" +(?=[,.)])", "");
        return text.strip();
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void onStartup() {
        super.onStartup();
        output = CellOutput.install();
        System.setIn(kernelIo.in);
        running = this;
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        running = null;
        CellOutput out = output;
        output = null;
        if (out != null) out.uninstall();
        shell.close();
        super.onShutdown(isRestarting);
    }

    /** This JVM's class path entries that exist, in order. */
    static List<String> ownClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank() && Files.exists(Path.of(entry))) entries.add(entry);
        }
        return entries;
    }

    /** Entry point for Jupyter: {@code HoldoutKernel <connection-file>}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp <kernel class path> " + HoldoutKernel.class.getName()
                    + " <connection-file>   (Jupyter starts it this way through the kernelspec)");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        KernelConnectionProperties connection;
        try {
            connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        } catch (IOException e) {
            System.err.println("holdout kernel: cannot read connection file=" + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        HoldoutKernel kernel = create(ownClasspath());
        JupyterConnection jupyter = new JupyterConnection(connection);
        // CellOutput batches streams into few messages; this headroom keeps a burst of displays from being dropped
        jupyter.getIOPub().setSndHWM(IOPUB_HIGH_WATER_MARK);
        kernel.onStartup();
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        jupyter.waitUntilClose();
        System.exit(0);
    }

    /** Fills the library's collaborators (I/O streams, comms, renderer, error styling) with its defaults. */
    private static final class Builder extends BaseKernelBuilder<Builder, HoldoutKernel> {
        Builder() {
            name(KERNEL_NAME);
            version("0.1.0");
        }

        @Override public HoldoutKernel build() {
            throw new UnsupportedOperationException("use HoldoutKernel.create(classpath)");
        }

        String kernelName() {
            return buildName();
        }

        String kernelVersion() {
            return buildVersion();
        }

        KernelIO io() {
            return new KernelIO(buildJupyterIOEncoding());
        }

        org.dflib.jjava.jupyter.kernel.comm.CommManager comms() {
            return buildCommManager();
        }

        org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
            return buildRenderer();
        }

        org.dflib.jjava.jupyter.kernel.util.StringStyler styler() {
            return buildErrorStyler();
        }
    }
}
