/**
 * Splitting data the right way: holdout splits and cross-validation folds, all index-based and seeded.
 *
 * <p>Workflow: configure an immutable splitter ({@link dev.holdout.split.RandomSplit},
 * {@link dev.holdout.split.StratifiedSplit}, {@link dev.holdout.split.GroupSplit},
 * {@link dev.holdout.split.TimeSplit}) or cross-validator ({@link dev.holdout.split.KFold},
 * {@link dev.holdout.split.StratifiedKFold}, {@link dev.holdout.split.GroupKFold},
 * {@link dev.holdout.split.TimeSeriesSplit}); call {@code split(table)}; get a
 * {@link dev.holdout.split.Split} or {@link dev.holdout.split.Folds} of row positions that carries its
 * {@link dev.holdout.split.SplitProvenance}; materialise a part only when needed
 * ({@code split.train(table)}); describe it with a {@link dev.holdout.split.SplitManifest}.
 * The same configuration and table give the same rows in every JVM run.
 */
package dev.holdout.split;
