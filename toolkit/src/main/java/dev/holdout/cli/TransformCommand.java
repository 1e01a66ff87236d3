package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.InputFiles;
import dev.holdout.io.OutputConflictException;
import dev.holdout.io.OutputFolder;
import dev.holdout.serve.BatchTransform;
import dev.holdout.serve.ColumnFilter;
import dev.holdout.serve.Scorer;
import dev.holdout.train.XGBoostFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout transform --model REF --input FILE|DIR --output DIR}: a local SageMaker batch transform job.
 * One {@code <name>.out} per input file (CSV with a header, rows in input order, the prediction fields exactly
 * {@code holdout predict}'s), streamed in bounded memory. A failed or killed job leaves no {@code .out} file: the
 * folder is written under a temporary name and swapped in when complete; a failure writes only
 * {@code output/failure} with the reason.
 */
@Command(name = "transform", mixinStandardHelpOptions = true,
        description = {"Batch transform: score CSV files with a trained model, streaming (any size, bounded memory), one <name>.out per input file.",
                "The prediction fields are exactly holdout predict's. A failed job leaves no .out files, only output/failure with the reason."},
        footer = {"", "Filters (SageMaker's InputFilter/OutputFilter, on CSV columns): $ (every column), positions such as $[1:], $[0,-1],",
                "$[0,2:5] (0-based, slice ends excluded, negative from the end), or column names such as id,probability.",
                "--input-filter: the input columns the model may read (a model input outside it is an error).",
                "--output-filter: the columns to write, of [the input columns (with --join-source input)] + the prediction fields.",
                "",
                "Example:",
                "  holdout transform --model runs/rain --input new-days/ --output scored/ --join-source input --output-filter 'date,probability'"})
final class TransformCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "REF",
            description = "The model: a training job folder (or its model/ folder), a registry version NAME/N, or NAME@approved.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR", description = "A CSV file, or a folder: each of its CSV files (.csv, .tsv, .tab), by name.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "The folder to write <name>.out (and <name>.errors) into.")
    Path output;

    @Option(names = "--join-source", paramLabel = "input|none", defaultValue = "none",
            description = "input: put the input row's columns (as they were) before the predictions, so holdout metrics runs on the output. Default none.")
    String joinSource;

    @Option(names = "--keep", paramLabel = "COL[,COL...]", split = ",",
            description = "More input columns to write beside the predictions, as holdout predict --keep (the id columns training found "
                    + "and the label are written anyway, unless --join-source or --output-filter decide the columns).")
    java.util.List<String> keep = new java.util.ArrayList<>();

    @Option(names = "--input-filter", paramLabel = "FILTER", description = "The input columns the model may read (see below). Default $.")
    String inputFilter;

    @Option(names = "--output-filter", paramLabel = "FILTER", description = "The output columns to write, in order (see below). Default $.")
    String outputFilter;

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "" + BatchTransform.DEFAULT_BATCH_ROWS,
            description = "Rows scored at a time (memory grows with it). Default ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Scoring threads; the output keeps input order. Default 1.")
    int threads;

    @Option(names = "--on-bad-row", paramLabel = "fail|skip", defaultValue = "fail",
            description = "fail (default): a bad row fails the job with its file, line and column; skip: leave it out and write it with its reason to <name>.errors.")
    String onBadRow;

    @Option(names = "--force", description = "Replace a non-empty output folder (once the new one is complete).")
    boolean force;

    @Mixin TypesOption types;

    @Override public Integer call() {
        boolean join = switch (joinSource.toLowerCase(Locale.ROOT)) {
            case "input" -> true;
            case "none" -> false;
            default -> throw DataValidationException.param("--join-source", joinSource, "must be input or none", "pass --join-source input");
        };
        boolean skip = switch (onBadRow.toLowerCase(Locale.ROOT)) {
            case "skip" -> true;
            case "fail" -> false;
            default -> throw DataValidationException.param("--on-bad-row", onBadRow, "must be fail or skip", "pass --on-bad-row skip");
        };
        ColumnFilter in = inputFilter == null ? ColumnFilter.ALL : ColumnFilter.parse(inputFilter, "--input-filter");
        ColumnFilter out = outputFilter == null ? ColumnFilter.ALL : ColumnFilter.parse(outputFilter, "--output-filter");
        List<Path> files = inputs(input);
        Path dir = ModelReferences.folder(model);
        PrintWriter stdout = spec.commandLine().getOut();
        // options, the model and the inputs' headers are checked before the output is claimed: such a mistake leaves nothing
        BatchTransform t = BatchTransform.of(Scorer.load(dir)).joinSource(join).inputFilter(in).outputFilter(out)
                .batchSize(batchSize).threads(threads).skipBadRows(skip).types(types.kinds()).keep(keep);
        t.check(files);
        try (OutputFolder folder = OutputFolder.at(output).named("--output").input("--input", input).input("--model", dir).force(force).claim()) {
            List<BatchTransform.FileResult> results;
            long start = System.nanoTime();
            Progress progress = new Progress(stdout, TrainingProgress.isTerminal());
            try {
                results = new ArrayList<>();
                folder.write(tmp -> results.addAll(t.run(files, tmp, progress)));
            } catch (OutputConflictException e) {
                throw e; // something appeared in the folder meanwhile: the result is kept beside it, nothing there touched
            } catch (RuntimeException | Error e) {
                progress.finish();
                writeFailure(folder, e);
                throw e;
            }
            progress.finish();
            long rows = 0, skipped = 0;
            for (BatchTransform.FileResult r : results) {
                rows += r.rows();
                skipped += r.skipped();
            }
            double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            stdout.println(String.format(Locale.ROOT, "transformed %,d rows of %d file%s in %.1fs (%,.0f rows/s)%s -> %s", rows, results.size(),
                    results.size() == 1 ? "" : "s", seconds, rows / seconds, skipped > 0 ? String.format(Locale.ROOT, "; %,d bad rows skipped", skipped) : "",
                    output));
            stdout.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    /** output/failure with the reason (bad input is its message; anything else keeps its type, which tells a failure from a bug). */
    private void writeFailure(OutputFolder folder, Throwable e) {
        String reason = e instanceof DataValidationException || e instanceof XGBoostFailure ? e.getMessage()
                : e instanceof UncheckedIOException u && u.getCause() != null ? String.valueOf(u.getMessage())
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        try {
            Path where = folder.writeFailure(tmp -> Files.writeString(tmp.resolve(OutputFolder.FAILURE), reason + "\n"));
            spec.commandLine().getErr().println("transform: failure report: " + where.resolve(OutputFolder.FAILURE));
        } catch (RuntimeException nested) {
            e.addSuppressed(nested);
        }
    }

    /** The input files: the file itself, or a folder's CSV files by name (not hidden ones, not sub-folders). */
    static List<Path> inputs(Path input) {
        if (!Files.isDirectory(input)) {
            InputFiles.requireReadable(input, "--input");
            return List.of(input);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(input)) {
            s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return !n.startsWith(".") && (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".tab"));
            }).sorted().forEach(out::add);
        } catch (IOException e) {
            throw InputFiles.failure(input, "--input", e);
        }
        if (out.isEmpty()) {
            throw DataValidationException.param("--input", input, "is a folder without CSV files (.csv, .tsv, .tab)", "pass a CSV file or a folder of them");
        }
        for (Path p : out) InputFiles.requireReadable(p, "--input");
        return out;
    }

    /** A redrawn bar on a terminal (percent of the input read, rows, rows/s, time left); a line per file otherwise. */
    private static final class Progress implements BatchTransform.Listener {
        private final PrintWriter out;
        private final boolean tty;
        private final long start = System.nanoTime();
        private long lastDraw;
        private boolean open;

        Progress(PrintWriter out, boolean tty) {
            this.out = out;
            this.tty = tty;
        }

        @Override public void progress(Path file, long rows, long read, long total) {
            if (!tty) return;
            long now = System.nanoTime();
            if (now - lastDraw < 200_000_000L && read < total) return; // five redraws a second at most
            lastDraw = now;
            double f = total <= 0 ? 1 : read / (double) total;
            double s = (now - start) / 1e9;
            Duration left = Duration.ofMillis(f <= 0 ? 0 : (long) (s * (1 - f) / f * 1000));
            out.print(String.format(Locale.ROOT, "\r[%s] %3.0f%%  %s  %,d rows  %,.0f rows/s  ~%s left ", TrainingProgress.bar(f), 100 * f,
                    file.getFileName(), rows, rows / Math.max(1e-9, s), TrainingProgress.human(left)));
            out.flush();
            open = true;
        }

        @Override public void done(BatchTransform.FileResult r) {
            finish();
            out.println(String.format(Locale.ROOT, "%s: %,d rows -> %s%s", r.input(), r.rows(), r.output().getFileName(),
                    r.skipped() > 0 ? String.format(Locale.ROOT, "; %,d bad rows skipped (reasons in %s)", r.skipped(), r.errors().getFileName()) : ""));
            out.flush();
        }

        void finish() {
            if (open) {
                out.println();
                out.flush();
                open = false;
            }
        }
    }
}
