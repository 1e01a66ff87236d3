package dev.holdout.notebooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code holdout notebook install} and {@code holdout notebook run FILE.ipynb}.
 *
 * <pre>{@code
 * $ ./holdout notebook install
 * installed kernelspec "Java (Holdout)" (holdout-java) in /root/.local/share/jupyter/kernels/holdout-java
 * it runs on Java 17.0.13: /usr/lib/jvm/java-17-openjdk-amd64/bin/java (the JDK running this command; ...)
 * $ ./holdout notebook install --java /usr/lib/jvm/temurin-25-jdk-amd64
 * $ ./holdout notebook run notebooks/01-random-vs-time-splits.ipynb
 * executed notebooks/01-random-vs-time-splits.ipynb -> notebooks/01-random-vs-time-splits.executed.ipynb
 * }</pre>
 */
@Command(name = "notebook", mixinStandardHelpOptions = true,
        description = "The Java notebook kernel: install it for Jupyter, or execute a notebook headless.",
        subcommands = {NotebookCommand.Install.class, NotebookCommand.Run.class})
public final class NotebookCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Install the kernelspec \"Java (Holdout)\" for the current user (Jupyter's user data folder).")
    static final class Install implements Callable<Integer> {
        @Option(names = "--kernels-dir", paramLabel = "DIR",
                description = "Install into DIR/holdout-java instead of <Jupyter user data dir>/kernels.")
        Path kernelsDir;

        @Option(names = "--java", paramLabel = "PATH",
                description = "The JDK the kernel runs on: a JDK home or its bin/java, Java 17 or later with jshell "
                        + "(default: the JDK running this command).")
        Path java;

        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            Path dir = (kernelsDir != null ? kernelsDir : KernelSpec.userDataDir().resolve("kernels"));
            Jdk jdk = java != null ? Jdk.at(java) : Jdk.current();
            Path installed = KernelSpec.ofThisJvm().withJava(jdk.java()).writeInto(dir);
            var out = spec.commandLine().getOut();
            out.println("installed kernelspec \"" + HoldoutKernel.DISPLAY_NAME + "\" (" + HoldoutKernel.KERNEL_NAME
                    + ") in " + installed);
            out.println("it runs on Java " + jdk.version() + ": " + jdk.java()
                    + (java != null ? " (--java)" : " (the JDK running this command; choose another with --java PATH)"));
            out.println("it starts the kernel from this build's jars; after `mvn clean`, run this command again");
            out.flush();
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Execute a notebook headless through Jupyter (nbconvert) and write the executed copy.",
                    "--check compares the outputs stored in FILE with the fresh ones (exit 3 when they differ);",
                    "--update stores the fresh outputs in FILE, keeping those that did not change."})
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE.ipynb", description = "The notebook to execute.")
        Path notebook;

        @Option(names = {"-o", "--output"}, paramLabel = "OUT.ipynb",
                description = "Where to write the executed copy (default: FILE.executed.ipynb beside FILE; with --check "
                        + "or --update, a temporary file).")
        Path output;

        @Option(names = "--check", description = "Fail (exit 3) when an output stored in FILE no longer matches a fresh run "
                + "(timings, paths and, on another font set, picture pixels are tolerated).")
        boolean check;

        @Option(names = "--update", description = "Store the fresh outputs in FILE (volatile values stripped; outputs that "
                + "did not change are kept byte for byte, so the diff shows only what moved).")
        boolean update;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
                description = "Longest a single cell may run (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override public Integer call() throws Exception {
            if (!Files.isRegularFile(notebook) || !notebook.toString().endsWith(".ipynb")) {
                throw new dev.holdout.data.DataValidationException("FILE=" + notebook + " is not an existing .ipynb file; "
                        + "try notebooks/01-random-vs-time-splits.ipynb");
            }
            if (timeoutSeconds <= 0) {
                throw new dev.holdout.data.DataValidationException("--timeout=" + timeoutSeconds + " must be positive; try 600");
            }
            if (check && update) {
                throw new dev.holdout.data.DataValidationException("--check and --update exclude each other; pass one of them");
            }
            NotebookRunner runner = new NotebookRunner(KernelSpec.ofThisJvm(), Duration.ofSeconds(timeoutSeconds));
            if (check || update) return stored(runner);
            Path out = output != null ? output : defaultOutput(notebook);
            NotebookRunner.Outcome outcome = runner.run(notebook, out, spec.commandLine().getErr());
            spec.commandLine().getErr().flush();
            if (!outcome.ok()) {
                spec.commandLine().getErr().println("holdout notebook run: " + notebook
                        + " failed (a cell raised an error; see above); no executed copy was written");
                return 1;
            }
            spec.commandLine().getOut().println("executed " + notebook + " -> " + out);
            return 0;
        }

        /** --check or --update: execute, compare with (or store into) the outputs kept in the notebook. */
        private int stored(NotebookRunner runner) throws Exception {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            dev.holdout.io.ScratchFolder scratch = output == null ? dev.holdout.io.ScratchFolder.create("holdout-notebook") : null;
            Path executed = output != null ? output : scratch.path().resolve(notebook.getFileName());
            StoredOutputs.Result result;
            try {
                result = update ? StoredOutputs.update(runner, notebook, executed, null)
                        : StoredOutputs.check(runner, notebook, executed, null);
            } catch (IllegalStateException e) {
                err.println("holdout notebook run: " + e.getMessage());
                err.flush();
                return 1;
            } finally {
                if (scratch != null) scratch.close();
            }
            String took = String.format(java.util.Locale.ROOT, "%.0f s", result.took().toMillis() / 1000.0);
            if (update) {
                out.println(result.differences().isEmpty() ? "stored outputs of " + notebook + " unchanged (ran in " + took + ")"
                        : "updated the stored outputs of " + notebook + " (ran in " + took + "); what changed:");
                for (String d : result.differences()) out.println("  " + d);
                out.flush();
                return 0;
            }
            if (result.matches()) {
                out.println("stored outputs of " + notebook + " match a fresh run (ran in " + took + ")");
                out.flush();
                return 0;
            }
            err.println("holdout notebook run --check: the outputs stored in " + notebook + " differ from a fresh run:");
            for (String d : result.differences()) err.println("  " + d);
            err.println("if the change is intended, store the new outputs with: ./holdout notebook run --update " + notebook);
            err.flush();
            return 3;
        }

        static Path defaultOutput(Path notebook) {
            String name = notebook.getFileName().toString();
            return notebook.resolveSibling(name.substring(0, name.length() - ".ipynb".length()) + ".executed.ipynb");
        }
    }
}
