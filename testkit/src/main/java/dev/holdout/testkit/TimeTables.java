package dev.holdout.testkit;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * jqwik arbitraries of time-indexed tables for splitter tests: a {@code date} column with ties (several rows on a day)
 * and gaps, an {@code end} column (when each row's label is known: 0 to 5 days after its date), a {@code group} column
 * (few groups, so groups span many rows and days), and a 0/1 {@code label}. Rows are in a random order, not time order,
 * so a splitter that relies on file order is caught.
 *
 * <pre>{@code
 * @Provide Arbitrary<Table> tables() { return TimeTables.tables(10, 200); }
 * @Property void myTimeSplitIsOrdered(@ForAll("tables") Table t) {
 *     SplitLaws.timeOrdered(mySplitter.split(t), TimeTables.epochDays(t), 0);
 * }
 * }</pre>
 */
public final class TimeTables {
    private TimeTables() {}

    public static Arbitrary<Table> tables(int minRows, int maxRows) {
        return Arbitraries.integers().between(minRows, maxRows).flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(0, 3 * n).array(int[].class).ofSize(n),       // day offsets: ties and gaps
                Arbitraries.integers().between(0, 5).array(int[].class).ofSize(n),           // label spans
                Arbitraries.integers().between(0, Math.max(1, n / 8)).array(int[].class).ofSize(n),
                Arbitraries.integers().between(0, 1).array(int[].class).ofSize(n))
                .as((day, span, group, label) -> {
                    LocalDate d0 = LocalDate.of(2020, 1, 1);
                    DateColumn date = DateColumn.create("date"), end = DateColumn.create("end");
                    StringColumn g = StringColumn.create("group");
                    for (int i = 0; i < n; i++) {
                        date.append(d0.plusDays(day[i]));
                        end.append(d0.plusDays(day[i] + span[i]));
                        g.append("g" + group[i]);
                    }
                    return Table.create("time-indexed", date, end, g, IntColumn.create("label", label));
                }));
    }

    /** The {@code date} column as epoch days, indexed by row. */
    public static long[] epochDays(Table t) {
        DateColumn d = t.dateColumn("date");
        long[] out = new long[t.rowCount()];
        for (int i = 0; i < out.length; i++) out[i] = d.get(i).toEpochDay();
        return out;
    }

    /** The {@code group} column, indexed by row. */
    public static Object[] groups(Table t) {
        StringColumn g = t.stringColumn("group");
        Object[] out = new Object[t.rowCount()];
        for (int i = 0; i < out.length; i++) out[i] = g.get(i);
        return out;
    }

    /** The {@code label} column, indexed by row. */
    public static int[] labels(Table t) {
        IntColumn l = t.intColumn("label");
        int[] out = new int[t.rowCount()];
        for (int i = 0; i < out.length; i++) out[i] = l.getInt(i);
        return out;
    }
}
