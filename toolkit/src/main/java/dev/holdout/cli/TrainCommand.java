package dev.holdout.cli;

import dev.holdout.train.TrainingJob;
import dev.holdout.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout train --config job.json [--output DIR]}: runs a local training job and writes its
 * SageMaker-shaped job folder.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Run a local training job (XGBoost, or a Tribuo learner) from a JSON spec and write its job folder:",
                "input/config/hyperparameters.json, model/, output/metrics.json, output/learning-curve.png (output/failure if it fails)."})
final class TrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The job spec (JSON).")
    Path config;

    @Option(names = "--output", paramLabel = "DIR", description = "The job folder (overrides the spec's \"output\").")
    Path output;

    @Option(names = "--force", description = "Replace an existing job folder (only once the new job has succeeded; a failure is written to OUTPUT.failed-<n>/).")
    boolean force;

    @picocli.CommandLine.Mixin StoreOption store;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrainingJob job = TrainingJob.fromJson(config);
        if (output != null) job = job.withOutput(output);
        if (job.output() == null) {
            throw dev.holdout.data.DataValidationException.param("output", null, "a job folder is required",
                    "pass --output DIR or set \"output\" in the spec");
        }
        TrainingProgress progress = new TrainingProgress(out, TrainingProgress.isTerminal(), true);
        TrainingResult r;
        try {
            r = job.run(progress, force, config);
        } catch (RuntimeException e) {
            // a failed job is an experiment too, when its report is in the job folder (not beside a kept previous job)
            progress.finish();
            if (java.nio.file.Files.isRegularFile(job.output().resolve("output/failure"))
                    && !java.nio.file.Files.exists(job.output().resolve("model/model-card.json"))) {
                ExperimentsCommand.record(store, job.output(), dev.holdout.experiments.Experiments.TRAIN, null, spec.commandLine().getErr(), "train");
            }
            throw e;
        } finally {
            progress.finish();
        }
        ExperimentsCommand.record(store, r.jobFolder(), dev.holdout.experiments.Experiments.TRAIN, null, spec.commandLine().getErr(), "train");
        r.features().leftOut().forEach((column, why) -> out.println("left out '" + column + "': " + why));
        if (!r.evaluation().parts().isEmpty()) out.print(r.evaluation().toTable());
        out.println("job folder: " + r.jobFolder());
        out.flush();
        return HoldoutCli.EXIT_OK;
    }
}
