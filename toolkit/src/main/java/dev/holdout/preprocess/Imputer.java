package dev.holdout.preprocess;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Fills missing values with a statistic learned on the training rows, as scikit-learn's
 * {@code SimpleImputer}: {@code mean} and {@code median} for numeric columns, {@code most frequent}
 * (ties go to the smallest value) and {@code constant} for any column. With {@link #withIndicator()}
 * a {@code <column>_missing} boolean column is added after each column that had missing values at fit.
 * A column that is entirely missing at fit is an error (nothing to learn from).
 *
 * <pre>{@code
 * Imputer.median("temp_max").withIndicator();
 * // fitted on [1, NaN, 3, 10] -> fills 3.0; adds temp_max_missing = [false, true, false, false]
 * }</pre>
 */
public final class Imputer extends Step {
    /** How the fill value is chosen. */
    public enum Strategy { MEAN, MEDIAN, MOST_FREQUENT, CONSTANT }

    static final String DEFAULT_TEXT_FILL = "missing_value";

    private final Strategy strategy;
    private final List<String> columns;
    private final boolean indicator;
    private final Double fillNumber;
    private final String fillText;

    private Imputer(Strategy strategy, List<String> columns, boolean indicator, Double fillNumber, String fillText) {
        this.strategy = strategy;
        this.columns = columns;
        this.indicator = indicator;
        this.fillNumber = fillNumber;
        this.fillText = fillText;
    }

    public static Imputer mean(String... columns) { return new Imputer(Strategy.MEAN, requireColumns("Imputer", columns), false, null, null); }

    public static Imputer median(String... columns) { return new Imputer(Strategy.MEDIAN, requireColumns("Imputer", columns), false, null, null); }

    public static Imputer mostFrequent(String... columns) {
        return new Imputer(Strategy.MOST_FREQUENT, requireColumns("Imputer", columns), false, null, null);
    }

    /** Constant fill: {@code value} for numeric columns, {@code "missing_value"} for text columns. */
    public static Imputer constant(double value, String... columns) {
        if (Double.isNaN(value)) {
            throw DataValidationException.param("Imputer.fill", value, "must not be NaN", "pass a number such as 0");
        }
        return new Imputer(Strategy.CONSTANT, requireColumns("Imputer", columns), false, value, DEFAULT_TEXT_FILL);
    }

    /** Constant fill: {@code value} for text columns, 0 for numeric columns. */
    public static Imputer constant(String value, String... columns) {
        Objects.requireNonNull(value, "value");
        return new Imputer(Strategy.CONSTANT, requireColumns("Imputer", columns), false, 0.0, value);
    }

    /** Adds a {@code <column>_missing} indicator for each column that had missing values in the training rows. */
    public Imputer withIndicator() { return new Imputer(strategy, columns, true, fillNumber, fillText); }

    public Strategy strategy() { return strategy; }

    /** Whether {@code <column>_missing} indicators are added. */
    public boolean indicator() { return indicator; }

    /** The constant fill of numeric columns ({@link Strategy#CONSTANT} only, else null). */
    public Double fillNumber() { return fillNumber; }

    /** The constant fill of text columns ({@link Strategy#CONSTANT} only, else null). */
    public String fillText() { return fillText; }

    @Override public List<String> columns() { return columns; }

    @Override FittedStep fit(Table train) {
        List<ColumnFill> fills = new ArrayList<>();
        for (String name : columns) {
            Column<?> c = Columns.require(train, name, "Imputer.column");
            boolean numeric = c instanceof NumericColumn<?>;
            if (!numeric && !(c instanceof StringColumn)) {
                throw DataValidationException.param("Imputer.column", name,
                        "is " + c.type().name() + "; the imputer fills numeric and text columns only",
                        "convert the column to text or numbers first, or leave it out");
            }
            int missing = c.countMissing();
            if (missing == c.size() && strategy != Strategy.CONSTANT) {
                throw DataValidationException.param("Imputer.column", name,
                        "is missing in all " + c.size() + " training rows, so there is no " + strategy.name().toLowerCase() + " to learn",
                        "drop the column or use Imputer.constant(...)");
            }
            boolean ind = indicator && missing > 0;
            if (numeric) {
                double[] x = ColumnValues.doubles(train, name, "Imputer");
                double fill = switch (strategy) {
                    case MEAN -> Stats.mean(x);
                    case MEDIAN -> Stats.quantile(Stats.sortedPresent(x), 0.5);
                    case MOST_FREQUENT -> Stats.mode(Stats.sortedPresent(x));
                    case CONSTANT -> fillNumber;
                };
                fills.add(new ColumnFill(name, "numeric", fill, null, missing, ind));
            } else {
                if (strategy == Strategy.MEAN || strategy == Strategy.MEDIAN) {
                    throw DataValidationException.param("Imputer.column", name,
                            "strategy " + strategy.name().toLowerCase() + " needs a numeric column but it is " + c.type().name(),
                            "use Imputer.mostFrequent(...) or Imputer.constant(...) for text columns");
                }
                String fill = strategy == Strategy.CONSTANT ? fillText : mostFrequentText(train, name);
                fills.add(new ColumnFill(name, "text", null, fill, missing, ind));
            }
        }
        return new Fitted(strategy.name().toLowerCase(), fills);
    }

    /** The most frequent category; a tie goes to the first in the one order (numbers numerically, then text), as scikit-learn's smallest. */
    private static String mostFrequentText(Table train, String name) {
        Target t = Target.categories(train, name, "Imputer.column");
        int[] n = t.counts();
        int best = -1;
        for (int c = 0; c < t.classes(); c++) if (best < 0 || n[c] > n[best]) best = c;
        return best < 0 ? null : t.vocabulary().name(best);
    }

    @Override public String toString() {
        return "Imputer(" + strategy.name().toLowerCase() + (indicator ? ", indicator" : "") + ", " + columns + ")";
    }

    /** The learned fill of one column. {@code type} is "numeric" (uses {@code number}) or "text" (uses {@code text}). */
    public record ColumnFill(String column, String type, Double number, String text, int missingAtFit, boolean indicator) {
        public ColumnFill {
            FittedChecks.column("Imputer", column);
            if ("numeric".equals(type)) FittedChecks.finite(column + ".number", number);
            else if ("text".equals(type)) FittedChecks.present(column + ".text", text);
            else throw DataValidationException.param(column + ".type", type, "must be numeric or text",
                    "load a file written by FittedPreprocessor.save, or refit the preprocessor");
            if (missingAtFit < 0) FittedChecks.positive(column + ".missingAtFit", missingAtFit);
        }

        @Override public String toString() {
            return column + ": fill=" + ("numeric".equals(type) ? Stats.fmt(number) : "'" + text + "'")
                    + (indicator ? " +indicator" : "");
        }
    }

    record Fitted(String strategy, List<ColumnFill> fills) implements FittedStep, Applies {
        Fitted {
            FittedChecks.present("imputer.strategy", strategy);
            fills = FittedChecks.list("imputer.fills", fills);
        }

        @Override public String kind() { return "imputer"; }

        @Override public List<String> inputColumns() { return fills.stream().map(ColumnFill::column).toList(); }

        @Override public Table apply(Table input) {
            Table out = ColumnValues.shallowCopy(input);
            for (ColumnFill f : fills) {
                Column<?> replaced;
                boolean[] wasMissing;
                if ("numeric".equals(f.type())) {
                    double[] x = ColumnValues.doubles(input, f.column(), "Imputer");
                    wasMissing = new boolean[x.length];
                    double fill = f.number();
                    for (int i = 0; i < x.length; i++) {
                        if (Double.isNaN(x[i])) { x[i] = fill; wasMissing[i] = true; }
                    }
                    replaced = ColumnValues.column(f.column(), x);
                } else {
                    Column<?> c = Columns.require(input, f.column(), "Imputer.column");
                    if (c instanceof NumericColumn<?>) {
                        throw DataValidationException.param("Imputer.column", f.column(),
                                "was text when fitted but is " + c.type().name() + " in table '" + input.name() + "'",
                                "transform a table with the same column types as the training table");
                    }
                    String[] v = ColumnValues.categories(input, f.column(), "Imputer");
                    wasMissing = new boolean[v.length];
                    for (int i = 0; i < v.length; i++) {
                        if (ColumnValues.isMissing(v[i])) { v[i] = f.text(); wasMissing[i] = true; }
                    }
                    replaced = StringColumn.create(f.column(), v);
                }
                ColumnValues.replace(out, f.column(), replaced);
                if (f.indicator()) ColumnValues.insertAfter(out, f.column(), Flags.column(f.column() + "_missing", wasMissing));
            }
            return out;
        }

        @Override public String toString() {
            return "imputer(" + strategy + "){" + fills.stream().map(ColumnFill::toString).collect(Collectors.joining(", ")) + "}";
        }
    }
}
