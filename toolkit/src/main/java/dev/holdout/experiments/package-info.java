/**
 * Experiments on the store: every training run recorded (spec, hyperparameters, data fingerprints, metrics per round,
 * final metrics, where it stopped, the job folder), listed and compared side by side ({@code holdout experiments}).
 *
 * <pre>{@code
 * Experiments ex = Experiments.open(Store.locate(null));
 * Run r = ex.record(Path.of("runs/rain"), Experiments.TRAIN, null);
 * Charts.Line curves = Experiments.learningCurves(ex.list());
 * }</pre>
 */
package dev.holdout.experiments;
