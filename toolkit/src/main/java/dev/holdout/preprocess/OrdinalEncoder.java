package dev.holdout.preprocess;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;

/**
 * Replaces a categorical column by the position of each value among the training categories, in the one
 * order of {@link dev.holdout.data.LabelVocabulary} (numbers numerically, then text)
 * (0, 1, 2, ...), as scikit-learn's {@code OrdinalEncoder}. A missing value stays missing (NaN). An
 * unseen category is an error unless {@link #onUnknown(double)} names the code to use.
 *
 * <pre>{@code
 * OrdinalEncoder.of("size").onUnknown(-1);   // fitted on [M, S, L] -> L=0, M=1, S=2; "XL" -> -1
 * }</pre>
 */
public final class OrdinalEncoder extends Step {
    private final List<String> columns;
    private final Double unknownValue;

    private OrdinalEncoder(List<String> columns, Double unknownValue) {
        this.columns = columns;
        this.unknownValue = unknownValue;
    }

    public static OrdinalEncoder of(String... columns) { return new OrdinalEncoder(requireColumns("OrdinalEncoder", columns), null); }

    /** Encode unseen categories as {@code value} (e.g. -1) instead of refusing the table. */
    public OrdinalEncoder onUnknown(double value) { return new OrdinalEncoder(columns, value); }

    @Override public List<String> columns() { return columns; }

    @Override FittedStep fit(Table train) {
        List<OneHotEncoder.Categories> out = new ArrayList<>();
        for (String name : columns) {
            Target coded = Target.categories(train, name, "OrdinalEncoder.column");
            List<String> cats = coded.vocabulary().names();   // in the one order: numbers numerically, then text
            if (cats.isEmpty()) throw StandardScaler.allMissing("OrdinalEncoder", name, coded.rows());
            out.add(new OneHotEncoder.Categories(name, cats, List.of()));
        }
        return new Fitted(unknownValue, out);
    }

    @Override public String toString() { return "OrdinalEncoder(" + columns + ")"; }

    record Fitted(Double unknownValue, List<OneHotEncoder.Categories> columns) implements FittedStep, Applies {
        Fitted {
            columns = FittedChecks.list("ordinal-encoder.columns", columns);
        }

        @Override public String kind() { return "ordinal-encoder"; }

        @Override public List<String> inputColumns() { return columns.stream().map(OneHotEncoder.Categories::column).toList(); }

        @Override public Table apply(Table input) {
            Table out = ColumnValues.shallowCopy(input);
            for (OneHotEncoder.Categories c : columns) {
                Target coded = Target.categories(input, c.column(), "OrdinalEncoder.column");
                int[] lookup = coded.positionsIn(c.categories(), ColumnValues.MISSING, -1);
                double[] codeValue = new double[lookup.length];
                for (int v = 0; v < lookup.length; v++) {
                    if (v == coded.missingCode()) codeValue[v] = Double.NaN;   // a missing value stays missing
                    else if (lookup[v] >= 0) codeValue[v] = lookup[v];
                    else if (unknownValue != null) codeValue[v] = unknownValue;
                    else {
                        throw OneHotEncoder.unknownCategory(input, c.column(), coded.firstRowOf(v), coded.nameOf(v, ColumnValues.MISSING),
                                c.categories(), "pass onUnknown(-1) to encode unseen categories as -1");
                    }
                }
                int rows = coded.rows();
                double[] x = new double[rows];
                for (int i = 0; i < rows; i++) x[i] = codeValue[coded.code(i)];
                ColumnValues.replace(out, c.column(), ColumnValues.column(c.column(), x));
            }
            return out;
        }

        @Override public String toString() {
            return "ordinal-encoder{" + columns.stream().map(c -> c.column() + ": " + c.categories().size() + " categories")
                    .collect(Collectors.joining("; ")) + "}";
        }
    }
}
