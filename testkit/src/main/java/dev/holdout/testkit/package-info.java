/**
 * The Holdout testkit: jqwik arbitraries ({@link dev.holdout.testkit.Predictions}, {@link dev.holdout.testkit.TimeTables}),
 * laws as reusable assertions ({@link dev.holdout.testkit.MetricLaws}, {@link dev.holdout.testkit.SplitLaws}) and
 * reference implementations ({@link dev.holdout.testkit.ReferenceMetrics}) for property-testing your own metrics,
 * splitters and model wrappers the way Holdout tests itself. See testkit/README.md for a worked example.
 */
package dev.holdout.testkit;
