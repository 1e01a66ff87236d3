package dev.holdout.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.IsoTime;
import dev.holdout.split.GroupSplit;
import dev.holdout.split.HashedAssignment;
import dev.holdout.split.KeyHash;
import dev.holdout.split.MissingTimePolicy;
import dev.holdout.split.Part;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.Splitter;
import dev.holdout.split.TimeSplit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The core's splits on a Spark {@code Dataset<Row>}, row for row the same parts as on one machine, with no
 * shuffle: each row's part is computed from that row alone, by the core's own rule. A hashed
 * {@link RandomSplit} ({@code hashedBy(id)} or {@code hashedByRowContent()}) and a hashed {@link GroupSplit}
 * place each row by {@link KeyHash} of its key; a {@link TimeSplit} by cutoffs places it by its time
 * ({@link TimeSplit#partOf}). Sampling splits (exact counts) need every row's rank and are refused here:
 * use their hashed mode.
 *
 * <pre>{@code
 * Dataset<Row> rows = HoldoutSpark.readCsv(spark, Path.of("orders.csv"));
 * Map<Part, Dataset<Row>> parts = SparkSplit.parts(rows, RandomSplit.create().test(0.2).hashedBy("order_id").seed(7));
 * parts.get(Part.TEST).write().parquet("s3://bucket/orders/test");
 * }</pre>
 *
 * <p>Keys are compared as the core compares them ({@link KeyHash#text(Object)}): read id columns as text
 * ({@link HoldoutSpark#readCsv} does) so that {@code 007} stays {@code 007}. A row whose key is missing, or
 * whose time is missing under {@link MissingTimePolicy#ERROR}, fails the job with the core's data error.
 */
public final class SparkSplit {
    private SparkSplit() {}

    /** The name of the column {@link #assign} adds: {@code train}, {@code validation} or {@code test}. */
    public static final String PART_COLUMN = "part";

    /** {@code rows} with a {@value #PART_COLUMN} column; rows a time split leaves out (gap, dropped times) are removed. */
    public static Dataset<Row> assign(Dataset<Row> rows, Splitter splitter) {
        List<String> columns = Arrays.asList(rows.columns());
        if (columns.contains(PART_COLUMN)) {
            throw DataValidationException.param("columns", PART_COLUMN, "the data already has a column named '" + PART_COLUMN + "'",
                    "rename it before splitting");
        }
        Column part;
        if (splitter instanceof RandomSplit r) {
            part = hashed(r.hashedAssignment(), columns);
        } else if (splitter instanceof GroupSplit g) {
            part = hashed(g.hashedAssignment(), columns);
        } else if (splitter instanceof TimeSplit t) {
            part = timed(t, columns);
        } else {
            throw DataValidationException.param("splitter", splitter, "is not available on Spark (it needs every row's rank)",
                    "use RandomSplit/GroupSplit in their hashed mode, or TimeSplit with cutoffs");
        }
        return rows.withColumn(PART_COLUMN, part).filter(col(PART_COLUMN).isNotNull());
    }

    /** The parts as datasets (the same lazy plan filtered three ways; cache {@code rows} first when reusing it). */
    public static Map<Part, Dataset<Row>> parts(Dataset<Row> rows, Splitter splitter) {
        Dataset<Row> assigned = assign(rows, splitter);
        Map<Part, Dataset<Row>> parts = new EnumMap<>(Part.class);
        for (Part p : Part.values()) parts.put(p, assigned.filter(col(PART_COLUMN).equalTo(p.label())).drop(PART_COLUMN));
        return parts;
    }

    /** Counts of each part in one pass (an aggregate, no collect of rows). */
    public static Map<Part, Long> sizes(Dataset<Row> rows, Splitter splitter) {
        Dataset<Row> counts = assign(rows, splitter).groupBy(PART_COLUMN).count();
        Map<Part, Long> sizes = new EnumMap<>(Part.class);
        for (Part p : Part.values()) sizes.put(p, 0L);
        for (Row r : HoldoutSpark.run(counts::collectAsList)) {
            sizes.put(Arrays.stream(Part.values()).filter(p -> p.label().equals(r.getString(0))).findFirst().orElseThrow(), r.getLong(1));
        }
        return sizes;
    }

    private static Column hashed(HashedAssignment a, List<String> columns) {
        String key = a.keyColumn();
        if (key != null && !columns.contains(key)) throw dev.holdout.data.Columns.unknown("hashKey", key, columns, "the dataset");
        long seed = a.seed();
        double test = a.testFraction(), validation = a.validationFraction();
        UDF1<Row, String> f = row -> {
            HashedAssignment here = new HashedAssignment(key, seed, test, validation);
            KeyHash hash = here.hash();
            if (key != null) {
                String cell = KeyHash.text(row.get(0));
                if (KeyHash.isMissing(cell)) {
                    throw DataValidationException.param(key, cell == null ? "(empty)" : cell,
                            "the hash key is missing in a row; a hashed split needs a key in every row",
                            "fill it, or hash the row content instead");
                }
                return here.partOf(hash.of(cell)).label();
            }
            long h = hash.start();
            for (int i = 0; i < row.length(); i++) h = KeyHash.fold(h, KeyHash.text(row.get(i)));
            return here.partOf(h).label();
        };
        UserDefinedFunction udf = functions.udf(f, DataTypes.StringType);
        Column[] in = key != null ? new Column[] {col(quoted(key))} : columns.stream().map(c -> col(quoted(c))).toArray(Column[]::new);
        return udf.apply(struct(in));
    }

    private static Column timed(TimeSplit t, List<String> columns) {
        if (t.cutoffValues().isEmpty()) {
            throw DataValidationException.param("cutoffs", "(none)", "on Spark a time split is by cutoffs (fractions of the time range need a pass for its ends)",
                    "pass cutoffs, e.g. TimeSplit.on(\"date\").cutoffs(\"2023-01-01\", \"2023-07-01\")");
        }
        String time = t.time();
        if (!columns.contains(time)) throw dev.holdout.data.Columns.unknown("time", time, columns, "the dataset");
        List<String> given = t.cutoffValues();
        boolean numeric = given.stream().allMatch(s -> s.trim().matches("-?[0-9]+"));
        long[] cut = new long[given.size()];
        for (int i = 0; i < cut.length; i++) {
            String s = given.get(i).trim();
            Long v = numeric ? Long.valueOf(s) : IsoTime.epochSecond(s);
            if (v == null) {
                throw DataValidationException.param("cutoffs", s, "is not a date (yyyy-MM-dd), date-time or instant", "write it like the values of column '" + time + "'");
            }
            cut[i] = v;
        }
        if (cut.length == 2 && cut[1] <= cut[0]) {
            throw DataValidationException.param("cutoffs", String.join(",", given), "cutoffs must be in increasing order",
                    "write the earlier cutoff first (train|validation|test)");
        }
        if (numeric && !t.gap().isZero()) {
            throw DataValidationException.param("gap", t.gap(), "the cutoffs are plain numbers, so a duration has no unit here", "give the gap in the column's own units");
        }
        long gap = numeric ? t.gapUnits() : t.gap().getSeconds();
        boolean drop = t.missingTimes() == MissingTimePolicy.DROP;
        UDF1<Row, String> f = row -> {
            Long v = timeKey(row.get(0), numeric, time);
            if (v == null) {
                if (drop) return null;
                throw DataValidationException.param(time, "(empty)", "a row has no time; fill it, drop such rows, or choose the policy DROP",
                        "pass --missing-time drop");
            }
            Part p = TimeSplit.partOf(v, cut, gap);
            return p == null ? null : p.label();
        };
        return functions.udf(f, DataTypes.StringType).apply(struct(col(quoted(time))));
    }

    /** A time value as the core's key: epoch seconds (dates at UTC midnight, local date-times as UTC), or a whole number. */
    static Long timeKey(Object value, boolean numeric, String column) {
        if (value == null) return null;
        if (value instanceof java.sql.Date d) return d.toLocalDate().toEpochDay() * 86_400L;
        if (value instanceof java.time.LocalDate d) return d.toEpochDay() * 86_400L;
        if (value instanceof java.sql.Timestamp ts) return Math.floorDiv(ts.getTime(), 1000L);
        if (value instanceof java.time.Instant i) return i.getEpochSecond();
        if (value instanceof java.time.LocalDateTime d) return d.toEpochSecond(java.time.ZoneOffset.UTC);
        if (value instanceof Number n) {
            double x = n.doubleValue();
            if (x != Math.rint(x)) {
                throw DataValidationException.param(column, x, "a numeric time column must hold whole numbers (epoch seconds, a year, a step)", "round the times");
            }
            return (long) x;
        }
        String s = value.toString().trim();
        if (KeyHash.isMissing(s)) return null;
        if (numeric) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw DataValidationException.param(column, s, "is not a whole number, but the cutoffs are", "write the cutoffs like the column's values");
            }
        }
        Long v = IsoTime.epochSecond(s);
        if (v == null) {
            throw DataValidationException.param(column, s, "is not a date (yyyy-MM-dd), date-time (yyyy-MM-ddTHH:mm:ss) or instant", "fix the value or the column");
        }
        return v;
    }

    /** A column name for {@code col()}: backquoted, so names with dots or spaces are taken literally. */
    static String quoted(String name) { return "`" + name.replace("`", "``") + "`"; }
}
