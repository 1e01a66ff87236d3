package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import dev.holdout.io.OutputFile;
import dev.holdout.serve.Scorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code holdout predict --model REF --input FILE --output FILE}: scores a CSV with a job's saved
 * preprocessor and model (XGBoost at its best iteration). One output row per input row, in order, written by
 * {@link Scorer} as {@code holdout transform} and the endpoint write them.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score a CSV with a trained model folder (its fitted preprocessor, then the model at its best iteration).")
final class PredictCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "REF",
            description = "The model: a training job folder (or its model/ folder), a registry version NAME/N, or NAME@approved.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV with the feature columns (a label column is ignored).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "CSV to write: the input's id columns and label "
            + "(when it has them) and --keep columns, then probability and predicted_label (binary), predicted_class and p_<class> "
            + "(multiclass), or prediction (regression). A file there is replaced once the new one is complete.")
    Path output;

    @Option(names = "--keep", paramLabel = "COL[,COL...]", split = ",",
            description = "More input columns to copy beside the predictions (the id columns training found and the label are kept anyway).")
    java.util.List<String> keep = new java.util.ArrayList<>();

    @picocli.CommandLine.Mixin TypesOption types;

    @picocli.CommandLine.Mixin StoreOption store;

    @Override public Integer call() {
        Path dir = ModelReferences.folder(model, store);
        // checked before the model is read: not the input, not inside the model folder, a writable file path
        try (OutputFile out = OutputFile.at(output).named("--output").input("--input", input).input("--model", dir).claim()) {
            return predict(dir, out);
        }
    }

    private Integer predict(Path dir, OutputFile target) {
        Scorer scorer = Scorer.load(dir);
        // column types as at training (not inferred from these rows): a blank numeric cell stays a missing number, and a
        // value that is not one (1e400, inf, 1,5) is an error naming its line; --types overrides a column's type
        Table t = scorer.loader(input, types.kinds()).load(input);
        if (t.rowCount() == 0) {
            throw DataValidationException.param("input", input, "has a header but no rows", "give at least one row to score");
        }
        double[][] scores = scorer.score(t);
        java.util.List<String> kept = scorer.keptColumns(t.columnNames(), keep);
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream(scores.length * 32 + 64);
        StringBuilder sb = new StringBuilder();
        for (String k : kept) Scorer.appendField(sb, k).append(',');
        o.writeBytes(sb.append(scorer.csvHeader()).append('\n').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (kept.isEmpty()) {
            for (double[] s : scores) {
                sb.setLength(0);
                o.writeBytes(scorer.appendCsv(sb, s).append('\n').toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        } else {
            // the kept fields exactly as the file has them (the bytes holdout transform copies too), then the predictions
            java.util.List<String> header = t.columnNames();
            dev.holdout.data.CsvReader r = dev.holdout.data.CsvReader.open(input);
            for (String k : kept) r = r.withType(k, dev.holdout.data.ColumnKind.TEXT, "kept beside the predictions as written");
            int row = 0;
            try (dev.holdout.data.CsvReader.Batches batches = r.columns(kept).batches(65_536)) {
                for (dev.holdout.data.CsvBatch b : batches) {
                    for (int i = 0; i < b.rows(); i++, row++) {
                        for (String k : kept) {
                            b.writeField(i, header.indexOf(k), o);
                            o.write(',');
                        }
                        sb.setLength(0);
                        o.writeBytes(scorer.appendCsv(sb, scores[row]).append('\n').toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        target.write(o.toByteArray());
        PrintWriter out = spec.commandLine().getOut();
        out.println("scored " + scores.length + " rows with " + scorer + " -> " + output);
        out.flush();
        return HoldoutCli.EXIT_OK;
    }
}
