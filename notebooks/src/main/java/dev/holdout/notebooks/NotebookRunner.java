package dev.holdout.notebooks;

import dev.holdout.io.OutputFile;
import dev.holdout.io.ScratchFolder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Executes a notebook headless with real Jupyter ({@code jupyter nbconvert --execute}) and {@link HoldoutKernel},
 * writing the executed copy. Each run uses a private kernelspec (in a temporary {@code JUPYTER_PATH}) that starts
 * the kernel with this JVM's class path, so nothing has to be installed first and an older installed kernelspec
 * cannot be picked up by mistake.
 *
 * <pre>{@code
 * NotebookRunner.Outcome outcome = new NotebookRunner(KernelSpec.ofThisJvm(), Duration.ofMinutes(10))
 *         .run(Path.of("notebooks/01-random-vs-time-splits.ipynb"), Path.of("target/executed/01.ipynb"), null);
 * outcome.ok(); // true when every cell ran without an error
 * }</pre>
 */
public final class NotebookRunner {
    /** The Debian/Ubuntu line that installs everything the runner needs (no ipykernel, no pip). */
    public static final String APT_LINE = "sudo apt-get install -y --no-install-recommends jupyter-nbconvert "
            + "python3-nbclient jupyter-client python3-nbformat fontconfig fonts-dejavu-core";

    private final KernelSpec spec;
    private final Duration cellTimeout;

    public NotebookRunner(KernelSpec spec, Duration cellTimeout) {
        if (cellTimeout.isNegative() || cellTimeout.isZero()) {
            throw new dev.holdout.data.DataValidationException("timeout=" + cellTimeout.toSeconds() + "s must be positive; try 600");
        }
        this.spec = spec;
        this.cellTimeout = cellTimeout;
    }

    /**
     * The result of one run.
     *
     * @param output   the executed notebook (present when {@code ok})
     * @param exitCode nbconvert's exit code (0: every cell ran)
     * @param log      nbconvert's combined output (the failing cell's error when it failed)
     */
    public record Outcome(Path output, int exitCode, String log) {
        public boolean ok() {
            return exitCode == 0 && Files.isRegularFile(output);
        }

        @Override public String toString() {
            return ok() ? "executed -> " + output : "failed (exit " + exitCode + "):\n" + log;
        }
    }

    /**
     * Runs {@code notebook} and writes the executed copy to {@code output}. {@code console}: where nbconvert's
     * output also goes as it runs (null: captured only). The output follows {@link OutputFile}'s rules: it is
     * refused before Jupyter starts when it is the notebook itself, a folder, or cannot be written; it is written
     * under a temporary name and renamed into place, so a failed run leaves a previous executed copy as it was.
     */
    public Outcome run(Path notebook, Path output, Appendable console) throws IOException, InterruptedException {
        if (!Files.isRegularFile(notebook)) {
            throw new dev.holdout.data.DataValidationException("notebook=" + notebook + " does not exist; pass an .ipynb file");
        }
        if (!output.getFileName().toString().endsWith(".ipynb")) {
            throw new dev.holdout.data.DataValidationException("output=" + output + " must end with .ipynb");
        }
        try (OutputFile out = OutputFile.at(output).named("output").input("notebook", notebook).claim();
             ScratchFolder jupyterPath = ScratchFolder.create("holdout-kernelspec")) {
            List<String> nbconvert = nbconvertCommand().orElseThrow(() -> new dev.holdout.io.EnvironmentException(
                    "jupyter nbconvert was not found (looked for jupyter-nbconvert on PATH and in /usr/bin); install it: "
                            + APT_LINE));
            spec.writeInto(jupyterPath.path().resolve("kernels"));
            int[] exit = {-1};
            StringBuilder log = new StringBuilder();
            try {
                out.write(tmp -> {
                    // nbconvert appends .ipynb to --output: give it the temporary name without it
                    String name = tmp.getFileName().toString();
                    List<String> command = new ArrayList<>(nbconvert);
                    command.addAll(List.of("--to", "notebook", "--execute", notebook.toAbsolutePath().toString(),
                            "--output-dir", tmp.getParent().toString(),
                            "--output", name.substring(0, name.length() - ".ipynb".length()),
                            "--ExecutePreprocessor.kernel_name=" + HoldoutKernel.KERNEL_NAME,
                            "--ExecutePreprocessor.timeout=" + cellTimeout.toSeconds(),
                            "--ExecutePreprocessor.startup_timeout=120"));
                    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
                    String previous = System.getenv("JUPYTER_PATH");
                    pb.environment().put("JUPYTER_PATH", jupyterPath.path() + (previous == null ? "" : File.pathSeparator + previous));
                    Process process = pb.start();
                    try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            log.append(line).append('\n');
                            if (console != null) console.append(line).append('\n');
                        }
                    }
                    try {
                        exit[0] = process.waitFor();
                    } catch (InterruptedException e) {
                        process.destroyForcibly();
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while nbconvert ran");
                    }
                    if (exit[0] != 0) throw new NotExecuted();
                });
            } catch (NotExecuted e) {
                return new Outcome(out.path(), exit[0], log.toString());
            } catch (java.io.UncheckedIOException e) {
                if (e.getCause() instanceof java.io.InterruptedIOException) throw new InterruptedException("interrupted while nbconvert ran");
                throw e;
            }
            return new Outcome(out.path(), exit[0], log.toString());
        }
    }

    /** nbconvert failed: nothing is put in place (the writer's exception makes the output discard its temporary file). */
    private static final class NotExecuted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotExecuted() {
            super(null, null, false, false);
        }
    }

    /**
     * How to call nbconvert here, if it works: {@code $HOLDOUT_NBCONVERT} (and nothing else when it is set), else {@code jupyter-nbconvert} found on
     * PATH, else {@code /usr/bin/jupyter-nbconvert} (Debian's, with its {@code /usr/bin/python3} shebang — a
     * {@code python3} earlier on PATH may be another interpreter without Jupyter's modules). Each candidate is
     * checked with {@code --version}.
     */
    public static Optional<List<String>> nbconvertCommand() {
        LinkedHashSet<String> candidates = new LinkedHashSet<>();
        String explicit = System.getenv("HOLDOUT_NBCONVERT");
        if (explicit != null && !explicit.isBlank()) {
            // An explicit choice is the only candidate (so it can also switch Jupyter off: HOLDOUT_NBCONVERT=none).
            return answers(List.of(explicit, "--version")) ? Optional.of(List.of(explicit)) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path exe = Path.of(dir, "jupyter-nbconvert");
                if (Files.isExecutable(exe)) candidates.add(exe.toString());
            }
        }
        candidates.add("/usr/bin/jupyter-nbconvert");
        for (String candidate : candidates) {
            if (answers(List.of(candidate, "--version"))) return Optional.of(List.of(candidate));
        }
        return Optional.empty();
    }

    /** Whether {@code /usr/bin/python3} (or python3 on PATH) can import {@code module}. */
    public static boolean pythonHas(String module) {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            if (answers(List.of(python, "-c", "import " + module))) return true;
        }
        return false;
    }

    private static boolean answers(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
