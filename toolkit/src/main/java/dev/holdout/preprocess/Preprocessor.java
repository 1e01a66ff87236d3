package dev.holdout.preprocess;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * An unfitted preprocessing pipeline: an ordered list of {@link Step}s. It cannot transform anything;
 * {@link #fit(Table)} learns every statistic from the training rows only and returns the
 * {@link FittedPreprocessor}, the one type that transforms. Each step is fitted on the previous
 * steps' output for the training rows, as in scikit-learn's {@code Pipeline}.
 *
 * <pre>{@code
 * Preprocessor spec = Preprocessor.of(
 *         Imputer.median("temp_max"),
 *         StandardScaler.of("temp_max", "wind"),
 *         TargetEncoder.of("airport").label("damage"));
 * FittedPreprocessor fitted = spec.fit(split.train(table));
 * Table test = fitted.transform(split.test(table));
 * }</pre>
 */
public final class Preprocessor {
    private final List<Step> steps;

    private Preprocessor(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** A pipeline of {@code steps}, applied in order; no steps is the identity (still fingerprints its rows). */
    public static Preprocessor of(Step... steps) {
        for (Step s : steps) Objects.requireNonNull(s, "step");
        return new Preprocessor(List.of(steps));
    }

    /** A new pipeline with {@code step} appended. */
    public Preprocessor then(Step step) {
        List<Step> l = new ArrayList<>(steps);
        l.add(Objects.requireNonNull(step, "step"));
        return new Preprocessor(l);
    }

    public List<Step> steps() { return steps; }

    /** The label column a step needs at fit (a target encoder), or null. */
    public String label() {
        for (Step s : steps) if (!s.fitOnlyColumns().isEmpty()) return s.fitOnlyColumns().get(0);
        return null;
    }

    /** Learns every step's statistics from {@code train}; {@code train} is not modified. */
    public FittedPreprocessor fit(Table train) { return fit(train, false).fitted(); }

    /**
     * Fits on {@code train} and returns the training rows as the model should see them. For a target
     * encoder these are cross-fitted encodings (a row's value never comes from its own label), so
     * they differ from an in-sample transform, which {@code fitted.transform(train)} refuses when a
     * target encoder is present; use these to train, and {@code transform} for every other table.
     */
    public Fit fitTransform(Table train) { return fit(train, true); }

    /** With {@code transformLast} false the last step is only fitted (its output schema comes from an empty table). */
    private Fit fit(Table train, boolean transformLast) {
        Objects.requireNonNull(train, "train");
        if (train.rowCount() == 0) {
            throw DataValidationException.param("train.rowCount", 0, "cannot fit on an empty table", "pass the training rows");
        }
        Set<String> raw = new LinkedHashSet<>(train.columnNames());
        Set<String> learnedFrom = new LinkedHashSet<>();
        List<FittedPreprocessor.InputColumn> inputs = new ArrayList<>();
        for (Step s : steps) {
            for (String c : s.fitOnlyColumns()) {
                Columns.require(train, c, s.getClass().getSimpleName() + ".label");
                learnedFrom.add(c);
            }
            for (String c : s.columns()) {
                if (raw.contains(c) && learnedFrom.add(c)) {
                    Column<?> col = train.column(c);
                    inputs.add(new FittedPreprocessor.InputColumn(c, ColumnValues.family(col)));
                }
            }
        }
        List<String> fpColumns = train.columnNames().stream().filter(learnedFrom::contains).toList();   // table order
        Map<Column<?>, Moments> moments = new IdentityHashMap<>();
        Fingerprint fp = Fingerprint.of(train, fpColumns, moments);
        FitContext context = new FitContext(moments);
        Table current = train;
        List<FittedStep> fitted = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (i == steps.size() - 1 && !transformLast) {
                FittedStep f = s.fit(current, context);
                fitted.add(f);
                current = ((Step.Applies) f).apply(current.emptyCopy());
            } else {
                Step.StepFit f = s.fitTransform(current, context);
                fitted.add(f.fitted());
                current = f.transformedTrain();
            }
        }
        FittedPreprocessor result = new FittedPreprocessor(fitted, inputs, fp, current.columnNames());
        return new Fit(result, transformLast ? FittedPreprocessor.detach(current, train) : null);
    }

    /** A fitted preprocessor and the training rows it produced (cross-fitted where a step asks for it). */
    public record Fit(FittedPreprocessor fitted, Table train) {
        @Override public String toString() { return "Fit{" + fitted + ", train=" + train.rowCount() + " rows}"; }
    }

    @Override public String toString() {
        return "Preprocessor" + steps.stream().map(Step::toString).collect(Collectors.joining(" -> ", "[", "]"));
    }
}
