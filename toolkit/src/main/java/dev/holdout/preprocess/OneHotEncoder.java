package dev.holdout.preprocess;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Target;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Replaces a categorical column by one boolean column per training category, named
 * {@code <column>=<category>}, as scikit-learn's {@code OneHotEncoder} (categories in the one order of
 * {@link dev.holdout.data.LabelVocabulary}: numbers numerically, then text; a missing
 * value is a category of its own, {@code <column>=<missing>}). Categories seen fewer than
 * {@link #minFrequency(int)} times at fit share one {@code <column>=<infrequent>} column. An unseen
 * category at transform follows the {@link UnknownPolicy}.
 *
 * <pre>{@code
 * OneHotEncoder.of("weather").onUnknown(UnknownPolicy.IGNORE);
 * // fitted on [sun, rain, sun] -> columns weather=rain, weather=sun; "snow" -> false, false
 * }</pre>
 */
public final class OneHotEncoder extends Step {
    static final String MISSING_NAME = "<missing>";
    static final String INFREQUENT_NAME = "<infrequent>";

    private final List<String> columns;
    private final UnknownPolicy unknown;
    private final int minFrequency;

    private OneHotEncoder(List<String> columns, UnknownPolicy unknown, int minFrequency) {
        if (minFrequency < 1) {
            throw DataValidationException.param("OneHotEncoder.minFrequency", minFrequency, "must be at least 1",
                    "pass 1 for no infrequent bucket, or a count such as 10");
        }
        this.columns = columns;
        this.unknown = java.util.Objects.requireNonNull(unknown, "unknown");
        this.minFrequency = minFrequency;
    }

    public static OneHotEncoder of(String... columns) { return new OneHotEncoder(requireColumns("OneHotEncoder", columns), UnknownPolicy.ERROR, 1); }

    public OneHotEncoder onUnknown(UnknownPolicy policy) { return new OneHotEncoder(columns, policy, minFrequency); }

    /** Categories with fewer training rows than this go to the {@code <infrequent>} bucket (default 1: none). */
    public OneHotEncoder minFrequency(int count) { return new OneHotEncoder(columns, unknown, count); }

    @Override public List<String> columns() { return columns; }

    /** What happens to a category not seen at fit. */
    public UnknownPolicy unknown() { return unknown; }

    /** The minimum training count of a category (1: no infrequent bucket). */
    public int minFrequency() { return minFrequency; }

    @Override FittedStep fit(Table train) {
        List<Categories> out = new ArrayList<>();
        for (String name : columns) {
            // the categories in the one order (numbers numerically, then text), a missing value last
            Target coded = Target.categories(train, name, "OneHotEncoder.column");
            int[] counts = coded.counts();
            List<String> frequent = new ArrayList<>();
            List<String> infrequent = new ArrayList<>();
            for (int v = 0; v < counts.length; v++) {
                if (counts[v] > 0) (counts[v] >= minFrequency ? frequent : infrequent).add(coded.nameOf(v, ColumnValues.MISSING));
            }
            out.add(new Categories(name, frequent, infrequent));
        }
        return new Fitted(unknown, minFrequency, out);
    }

    @Override public String toString() { return "OneHotEncoder(" + columns + ", unknown=" + unknown.name().toLowerCase() + ")"; }

    /** The categories learned for one column; {@code infrequent} share one bucket column. */
    public record Categories(String column, List<String> categories, List<String> infrequent) {
        public Categories {
            FittedChecks.column("encoder", column);
            categories = FittedChecks.list(column + ".categories", categories);
            infrequent = FittedChecks.list(column + ".infrequent", infrequent);
        }

        @Override public String toString() {
            return column + ": " + categories.size() + " categories" + (infrequent.isEmpty() ? "" : " + " + infrequent.size() + " infrequent");
        }
    }

    static String outputName(String column, String category) {
        return column + "=" + (ColumnValues.isMissing(category) ? MISSING_NAME : category);
    }

    record Fitted(UnknownPolicy unknown, int minFrequency, List<Categories> columns) implements FittedStep, Applies {
        Fitted {
            FittedChecks.present("one-hot-encoder.unknown", unknown);
            FittedChecks.positive("one-hot-encoder.minFrequency", minFrequency);
            columns = FittedChecks.list("one-hot-encoder.columns", columns);
        }

        @Override public String kind() { return "one-hot-encoder"; }

        @Override public List<String> inputColumns() { return columns.stream().map(Categories::column).toList(); }

        @Override public Table apply(Table input) {
            Table out = ColumnValues.shallowCopy(input);
            for (Categories c : columns) {
                Target coded = Target.categories(input, c.column(), "OneHotEncoder.column");
                int k = c.categories().size();
                boolean bucket = !c.infrequent().isEmpty();
                List<String> known = new ArrayList<>(c.categories());
                known.addAll(c.infrequent());
                int[] lookup = coded.positionsIn(known, ColumnValues.MISSING, -1);
                for (int v = 0; v < lookup.length; v++) {
                    if (lookup[v] >= k) lookup[v] = k;                      // an infrequent category -> the bucket
                    else if (lookup[v] < 0) {
                        if (unknown == UnknownPolicy.INFREQUENT && bucket) lookup[v] = k;
                        else if (unknown == UnknownPolicy.ERROR) {
                            int row = coded.firstRowOf(v);
                            if (row < 0) continue;   // a code no input row has (the missing code of a column without missing values)
                            throw unknownCategory(input, c.column(), row, coded.nameOf(v, ColumnValues.MISSING), known,
                                    "set \"handle_unknown\": \"ignore\" (all indicators 0) or \"infrequent\" on the one_hot step to accept unseen categories");
                        }
                    }
                }
                int rows = coded.rows();
                BitSet[] bits = new BitSet[k + (bucket ? 1 : 0)];
                for (int j = 0; j < bits.length; j++) bits[j] = new BitSet(rows);
                for (int i = 0; i < rows; i++) {
                    int j = lookup[coded.code(i)];
                    if (j >= 0) bits[j].set(i);
                }
                int at = out.columnIndex(c.column());
                out.removeColumns(c.column());
                for (int j = 0; j < bits.length; j++) {
                    String name = j < k ? outputName(c.column(), c.categories().get(j)) : c.column() + "=" + INFREQUENT_NAME;
                    if (out.containsColumn(name)) {
                        throw DataValidationException.param("OneHotEncoder.column", c.column(),
                                "would create column '" + name + "' but the table already has one", "rename that column");
                    }
                    out.insertColumn(at + j, Flags.column(name, bits[j], rows));
                }
            }
            return out;
        }

        @Override public String toString() {
            return "one-hot-encoder{" + columns.stream().map(Categories::toString).collect(Collectors.joining("; ")) + "}";
        }
    }

    static DataValidationException unknownCategory(Table input, String column, int row, String value, List<String> known, String fix) {
        String shown = known.size() <= 10 ? known.toString() : known.subList(0, 10) + " and " + (known.size() - 10) + " more";
        return DataValidationException.at(input.name(), row + 1, column, value,
                "category '" + (ColumnValues.isMissing(value) ? MISSING_NAME : value) + "' (row " + (row + 1)
                        + ") was not in the training rows; known categories are " + shown + "; " + fix);
    }

}
