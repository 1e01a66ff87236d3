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

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "CSV to write: probability and predicted_label (binary), "
            + "predicted_class and p_<k> (multiclass), or prediction (regression). A file there is replaced once the new one is complete.")
    Path output;

    @picocli.CommandLine.Mixin TypesOption types;

    @Override public Integer call() {
        Path dir = ModelReferences.folder(model);
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
        StringBuilder sb = new StringBuilder(scorer.csvHeader()).append('\n');
        for (double[] s : scores) scorer.appendCsv(sb, s).append('\n');
        target.writeString(sb.toString());
        PrintWriter out = spec.commandLine().getOut();
        out.println("scored " + scores.length + " rows with " + scorer + " -> " + output);
        out.flush();
        return HoldoutCli.EXIT_OK;
    }
}
