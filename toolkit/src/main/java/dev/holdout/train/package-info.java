/**
 * Local training jobs, SageMaker-style, with XGBoost4J 3.4.0 called directly and Tribuo learners
 * for comparison.
 *
 * <p>The workflow: a {@link dev.holdout.train.TrainingJob} (from JSON or the withers) names the
 * algorithm, SageMaker-named {@link dev.holdout.train.Hyperparameters}, the {@code train} and
 * {@code validation} {@link dev.holdout.train.Channel}s and a {@code Preprocessor}. {@code run()}
 * fits the preprocessor on train only, converts tables to one row-major float array
 * ({@link dev.holdout.train.FeatureMatrix}), boosts round by round with XGBoost's early-stopping rule
 * (validation is the last watch; strict improvement; stop when {@code round - best >=
 * early_stopping_rounds}), evaluates with the metrics registry, and writes the job folder
 * atomically:
 *
 * <pre>
 * job/input/config/hyperparameters.json   SageMaker-named values, as strings
 * job/input/config/job.json               the whole spec, re-runnable: holdout train --config it --output OTHER
 * job/input/config/inputdataconfig.json   the channels (text/csv, File mode)
 * job/input/data/train/, validation/      the channel data as CSV
 * job/model/xgboost-model.json            XGBoost's JSON model (best_iteration attribute inside)
 * job/model/preprocessor.json             the fitted preprocessor
 * job/model/model-card.json               hyperparameters, features, input column types, data fingerprints, metrics, best iteration, versions
 * job/output/metrics.json                 train and validation metric of every round
 * job/output/learning-curve.png
 * job/output/training.log
 * job/output/failure                      only when the job failed (and then no model/); a failed --force re-run
 *                                         over a non-empty folder keeps it and writes job.failed-N/output/failure instead
 * </pre>
 *
 * {@link dev.holdout.train.TrainedModel} predicts raw rows with the saved preprocessor and the trees
 * up to the best iteration; {@link dev.holdout.train.ValidationCurve} trains one job per value of a
 * hyperparameter.
 */
package dev.holdout.train;
