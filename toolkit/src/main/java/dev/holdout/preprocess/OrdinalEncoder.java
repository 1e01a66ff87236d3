package dev.holdout.preprocess;

import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;

/**
 * Replaces a categorical column by the position of each value among the sorted training categories
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
            Coded coded = Coded.of(train, name, "OrdinalEncoder");
            List<String> cats = new ArrayList<>();
            for (String v : coded.values) if (!ColumnValues.isMissing(v)) cats.add(v);
            if (cats.isEmpty()) throw StandardScaler.allMissing("OrdinalEncoder", name, coded.codes.length);
            out.add(new OneHotEncoder.Categories(name, Coded.sorted(cats, Coded.numeric(train, name)), List.of()));
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
                Coded coded = Coded.of(input, c.column(), "OrdinalEncoder");
                int[] lookup = coded.lookup(c.categories(), -1);
                double[] codeValue = new double[lookup.length];
                for (int v = 0; v < lookup.length; v++) {
                    if (lookup[v] >= 0) codeValue[v] = lookup[v];
                    else if (ColumnValues.isMissing(coded.values[v])) codeValue[v] = Double.NaN;
                    else if (unknownValue != null) codeValue[v] = unknownValue;
                    else {
                        throw OneHotEncoder.unknownCategory(input, c.column(), coded.firstRowOf(v), coded.values[v], c.categories(),
                                "pass onUnknown(-1) to encode unseen categories as -1");
                    }
                }
                int[] codes = coded.codes;
                double[] x = new double[codes.length];
                for (int i = 0; i < codes.length; i++) x[i] = codeValue[codes[i]];
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
