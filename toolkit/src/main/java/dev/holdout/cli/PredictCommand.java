package dev.holdout.cli;

import dev.holdout.data.CsvLoader;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.OutputFile;
import dev.holdout.train.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code holdout predict --model DIR --input FILE --output FILE}: scores a CSV with a job's saved
 * preprocessor and model (XGBoost at its best iteration). One output row per input row, in order.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score a CSV with a trained model folder (its fitted preprocessor, then the model at its best iteration).")
final class PredictCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The job's model/ folder (or the job folder).")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV with the feature columns (a label column is ignored).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "CSV to write: probability and predicted_label (binary), "
            + "predicted_class and p_<k> (multiclass), or prediction (regression). A file there is replaced once the new one is complete.")
    Path output;

    @Override public Integer call() {
        Path dir = java.nio.file.Files.isDirectory(model.resolve("model")) ? model.resolve("model") : model;
        // checked before the model is read: not the input, not inside the model folder, a writable file path
        try (OutputFile out = OutputFile.at(output).named("--output").input("--input", input).input("--model", dir).claim()) {
            return predict(dir, out);
        }
    }

    private Integer predict(Path dir, OutputFile target) {
        TrainedModel m = TrainedModel.load(dir);
        // column types as at training (not inferred from these rows): a blank numeric cell stays a missing number
        Table t = CsvLoader.forFile(input).schema(TrainedModel.inputSchema(dir)).load(input);
        if (t.rowCount() == 0) {
            throw DataValidationException.param("input", input, "has a header but no rows", "give at least one row to score");
        }
        double[][] scores = m.scores(t);
        StringBuilder sb = new StringBuilder();
        String objective = m.objective();
        if (objective.equals("binary:logistic")) {
            sb.append("probability,predicted_label\n");
            for (double[] s : scores) sb.append(num(s[0])).append(',').append(s[0] >= 0.5 ? 1 : 0).append('\n');
        } else if (objective.equals("multi:softprob")) {
            sb.append("predicted_class");
            for (int k = 0; k < (scores.length == 0 ? 0 : scores[0].length); k++) sb.append(",p_").append(k);
            sb.append('\n');
            for (double[] s : scores) {
                int best = 0;
                for (int k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
                sb.append(best);
                for (double v : s) sb.append(',').append(num(v));
                sb.append('\n');
            }
        } else {
            sb.append("prediction\n");
            for (double[] s : scores) sb.append(num(s[0])).append('\n');
        }
        target.writeString(sb.toString());
        PrintWriter out = spec.commandLine().getOut();
        out.println("scored " + scores.length + " rows with " + m + " -> " + output);
        out.flush();
        return HoldoutCli.EXIT_OK;
    }

    private static String num(double v) { return String.format(Locale.ROOT, "%.6g", v); }
}
