/**
 * Hyperparameter tuning jobs: a local counterpart of SageMaker Automatic Model Tuning.
 *
 * <p>Workflow: describe the ranges ({@link dev.holdout.tune.SearchSpace} of continuous, integer and
 * categorical {@link dev.holdout.tune.ParameterRange}s), the objective and the budget in a
 * {@link dev.holdout.tune.TuningJobConfig}; hand a {@link dev.holdout.tune.TrialObjective} (a training
 * job built from train and validation only) to {@link dev.holdout.tune.Tuner#run}; read the
 * {@link dev.holdout.tune.TuningResult} (every trial, the best completed one) and save it as JSON and
 * HTML. The test part is evaluated once, after the best trial is chosen, by the caller that holds it.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.of(
 *         ParameterRange.continuous("eta", 0.01, 0.3, Scaling.LOGARITHMIC),
 *         ParameterRange.integer("max_depth", 2, 8));
 * TuningJobConfig job = TuningJobConfig.of(Strategy.BAYESIAN, space, new TuningObjective("validation:logloss", false))
 *         .withMaxTrials(20).withMaxParallelTrials(2).withEarlyStopping(EarlyStoppingType.AUTO).withSeed(1);
 * TuningResult result = Tuner.of(job).run(objective);
 * result.save(Path.of("runs/tuning"));
 * }</pre>
 */
package dev.holdout.tune;
