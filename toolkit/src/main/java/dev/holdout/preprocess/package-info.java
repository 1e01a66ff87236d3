/**
 * Leakage-safe preprocessing: decide every preprocessing parameter from the training rows only.
 *
 * <p>Workflow: build an unfitted {@link dev.holdout.preprocess.Preprocessor} from {@link dev.holdout.preprocess.Step}s
 * (imputers, scalers, encoders, outlier handling, log transform); {@code fit(train)} returns a
 * {@link dev.holdout.preprocess.FittedPreprocessor}, the only type that can {@code transform}, holding the
 * learned statistics and a {@link dev.holdout.preprocess.Fingerprint} of the rows it learned from. Save it
 * with the model; {@link dev.holdout.preprocess.CrossValidation} refits the unfitted spec inside every fold.
 *
 * <pre>{@code
 * Preprocessor spec = Preprocessor.of(Imputer.median("wind"), StandardScaler.of("wind"));
 * Preprocessor.Fit fit = spec.fitTransform(train);      // statistics from train only
 * Table validation = fit.fitted().transform(validationRows);
 * }</pre>
 */
package dev.holdout.preprocess;
