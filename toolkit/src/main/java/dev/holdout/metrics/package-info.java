/**
 * Metrics for classification and regression: pure functions over primitive arrays in
 * {@code (truth, predicted)} order, each metric with a {@link dev.holdout.metrics.Direction}.
 *
 * <p>Workflow: call {@link dev.holdout.metrics.Classification}, {@link dev.holdout.metrics.Scores}
 * or {@link dev.holdout.metrics.Regression} on arrays directly; look a metric up by name with
 * {@link dev.holdout.metrics.Metric#byName}; or build a full report (every metric, warnings, optional
 * per-slice and bootstrap intervals) that renders as text and HTML, from arrays
 * ({@link dev.holdout.metrics.ClassificationReport}, {@link dev.holdout.metrics.RegressionReport}) or
 * from a Tablesaw table ({@link dev.holdout.metrics.TableMetrics}). {@link dev.holdout.metrics.MetricsGuide}
 * explains each metric in plain words; {@link dev.holdout.metrics.Curve} gives ROC and precision/recall
 * curves, PNG charts and threshold choice. Semantics follow scikit-learn
 * (zero_division, averaging, ties in ROC AUC, force_finite R²); bad input raises
 * {@link dev.holdout.data.DataValidationException}, never a silent NaN.
 *
 * <pre>{@code
 * Classification.f1(truth, predicted, 1);      // binary F1 of class 1
 * Scores.rocAuc(truth, scores);                // Mann-Whitney AUC, ties count 1/2
 * Regression.r2(y, yhat);                      // 1 - SSE/SST, force_finite
 * Metric.byName("logloss").direction();        // LOWER_IS_BETTER
 * }</pre>
 */
package dev.holdout.metrics;
