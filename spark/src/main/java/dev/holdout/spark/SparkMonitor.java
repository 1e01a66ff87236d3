package dev.holdout.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.DecimalText;
import dev.holdout.monitor.Baseline;
import dev.holdout.monitor.BaselineOptions;
import dev.holdout.monitor.FeatureType;
import dev.holdout.monitor.Monitor;
import dev.holdout.monitor.MonitorOptions;
import dev.holdout.monitor.MonitorResult;
import dev.holdout.monitor.Profiler;
import dev.holdout.monitor.Statistics;
import dev.holdout.split.KeyHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Model Monitor baselines and runs on a Spark {@code Dataset<Row>}: the core's {@code statistics.json},
 * {@code constraints.json} and {@code constraint_violations.json}. Each partition is profiled by the core's
 * own {@link Profiler} (compensated sums, min, max, a KLL sketch per numeric feature; category counts and a
 * HyperLogLog sketch per string feature); the partials travel to the driver as bytes and merge there. Counts,
 * sums, mean, standard deviation, min, max, completeness and exactly counted categories equal the
 * single-machine baseline (moments to floating-point order); KLL bucket counts equal it while a feature has at
 * most {@link dev.holdout.monitor.QuantileSketch#K} values and are otherwise within KLL's rank error (a merged
 * sketch is not the one a single pass builds, but has the same guarantee).
 *
 * <p>Feature types: numeric Spark columns are Integral (integer types) or Fractional; text columns (as
 * {@link HoldoutSpark#readCsv} gives) are typed by the core reader's rule, the narrowest that fits every
 * non-missing value: whole numbers Integral, decimal numbers Fractional, anything else String (dates stay
 * strings, as in Model Monitor). That costs one extra aggregate pass over text columns.
 *
 * <pre>{@code
 * Baseline b = SparkMonitor.baseline(training, BaselineOptions.defaults());
 * b.writeFiles(folder);                                     // statistics.json, constraints.json
 * MonitorResult r = SparkMonitor.run(b, todaysRows, MonitorOptions.defaults(), "s3://bucket/today");
 * }</pre>
 */
public final class SparkMonitor {
    private SparkMonitor() {}

    /** Rows per batch handed to the profiler inside a partition (as the single-machine reader's batches). */
    static final int BATCH = 65_536;

    public static Baseline baseline(Dataset<Row> rows, BaselineOptions o) {
        List<String> header = Arrays.asList(rows.columns());
        List<String> names = select(header, o);
        List<FeatureType> types = inferTypes(rows, names, o);
        Statistics s = profile(rows, names, types, false);
        if (s.itemCount() == 0) throw DataValidationException.param("rows", 0, "the dataset has no rows", "a baseline needs the data it describes");
        return Baseline.suggest(s, o);
    }

    /** A monitoring run of {@code rows} against {@code baseline}: values of another type are counted (data_type_check), not errors. */
    public static MonitorResult run(Baseline baseline, Dataset<Row> rows, MonitorOptions o, String source) {
        List<String> header = Arrays.asList(rows.columns());
        List<String> present = new ArrayList<>();
        List<FeatureType> types = new ArrayList<>();
        for (String f : baseline.statistics().names()) {
            if (header.contains(f)) {
                present.add(f);
                types.add(baseline.statistics().feature(f).type());
            }
        }
        Statistics s = profile(rows, present, types, true);
        return Monitor.run(baseline, s, header, o, source);
    }

    private static List<String> select(List<String> header, BaselineOptions o) {
        for (String f : o.features()) if (!header.contains(f)) throw dev.holdout.data.Columns.unknown("--features", f, header, "the dataset");
        for (String f : o.exclude()) if (!header.contains(f)) throw dev.holdout.data.Columns.unknown("--exclude", f, header, "the dataset");
        List<String> out = new ArrayList<>(o.features().isEmpty() ? header : o.features());
        out.removeAll(o.exclude());
        if (out.isEmpty()) throw DataValidationException.param("--exclude", String.join(",", o.exclude()), "leaves no feature to monitor", "exclude fewer columns");
        return out;
    }

    /** Types from the schema; text columns by one aggregate pass: how many values are present, numbers, whole numbers. */
    static List<FeatureType> inferTypes(Dataset<Row> rows, List<String> names, BaselineOptions o) {
        FeatureType[] out = new FeatureType[names.size()];
        List<Column> aggs = new ArrayList<>();
        List<Integer> textual = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            String n = names.get(j);
            var declared = o.types().get(n);
            if (declared != null) {
                out[j] = declared.isTime() ? FeatureType.String : FeatureType.of(declared);
                continue;
            }
            DataType t = rows.schema().apply(n).dataType();
            if (t == DataTypes.ByteType || t == DataTypes.ShortType || t == DataTypes.IntegerType || t == DataTypes.LongType) {
                out[j] = FeatureType.Integral;
            } else if (t == DataTypes.FloatType || t == DataTypes.DoubleType || t instanceof org.apache.spark.sql.types.DecimalType) {
                out[j] = FeatureType.Fractional;
            } else if (t == DataTypes.StringType) {
                textual.add(j);
                Column v = col(SparkSplit.quoted(n));
                Column present = v.isNotNull().and(org.apache.spark.sql.functions.not(
                        org.apache.spark.sql.functions.trim(v).isin(dev.holdout.data.CsvLoader.DEFAULT_MISSING.toArray())));
                aggs.add(sum(when(present, 1L).otherwise(0L)));
                aggs.add(sum(when(present.and(isNumber(v)), 1L).otherwise(0L)));
                aggs.add(sum(when(present.and(v.rlike("^[ \\t]*[+-]?[0-9]{1,18}[ \\t]*$")), 1L).otherwise(0L)));
            } else {
                out[j] = FeatureType.String;
            }
        }
        if (!aggs.isEmpty()) {
            Row r = HoldoutSpark.run(() -> rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first());
            for (int i = 0; i < textual.size(); i++) {
                long present = r.isNullAt(3 * i) ? 0 : r.getLong(3 * i), numbers = r.isNullAt(3 * i + 1) ? 0 : r.getLong(3 * i + 1),
                        whole = r.isNullAt(3 * i + 2) ? 0 : r.getLong(3 * i + 2);
                out[textual.get(i)] = present == 0 || numbers < present ? FeatureType.String
                        : whole == present ? FeatureType.Integral : FeatureType.Fractional;
            }
        }
        return Arrays.asList(out);
    }

    private static Column isNumber(Column v) {
        org.apache.spark.sql.api.java.UDF1<String, Boolean> f = s -> s != null && DecimalText.isNumber(s);
        return org.apache.spark.sql.functions.udf(f, DataTypes.BooleanType).apply(v);
    }

    /** Profiles every partition with the core's profiler and merges the partials on the driver. */
    static Statistics profile(Dataset<Row> rows, List<String> names, List<FeatureType> types, boolean countMismatches) {
        String[] cols = names.stream().map(SparkSplit::quoted).toArray(String[]::new);
        Dataset<Row> selected = rows.selectExpr(cols);
        List<String> keepNames = List.copyOf(names);
        List<FeatureType> keepTypes = List.copyOf(types);
        MapPartitionsFunction<Row, byte[]> f = it -> List.of(profilePartition(it, keepNames, keepTypes, countMismatches).toBytes()).iterator();
        Dataset<byte[]> partials = selected.mapPartitions(f, Encoders.BINARY());
        List<byte[]> all = HoldoutSpark.run(partials::collectAsList);
        Profiler total = Profiler.of(names, types);
        for (byte[] b : all) total.merge(Profiler.fromBytes(b));
        return total.finish();
    }

    private static Profiler profilePartition(Iterator<Row> it, List<String> names, List<FeatureType> types, boolean countMismatches) {
        Profiler p = Profiler.of(names, types);
        int k = names.size();
        double[][] numbers = new double[k][];
        String[][] texts = new String[k][];
        for (int j = 0; j < k; j++) {
            if (types.get(j).isNumeric()) numbers[j] = new double[BATCH];
            else texts[j] = new String[BATCH];
        }
        int[] wrong = new int[k];
        int n = 0;
        while (it.hasNext()) {
            Row r = it.next();
            for (int j = 0; j < k; j++) {
                Object v = r.get(j);
                if (numbers[j] != null) {
                    double x = Double.NaN;
                    if (v instanceof Number num) {
                        x = num.doubleValue();
                    } else if (v != null && !KeyHash.isMissing(v.toString())) {
                        java.math.BigDecimal d = DecimalText.parse(v.toString());
                        if (d == null) {
                            if (!countMismatches) {
                                throw DataValidationException.param(names.get(j), v, "is not a number, but the feature is " + types.get(j),
                                        "declare the feature's type as TEXT, or fix the value");
                            }
                            wrong[j]++;
                        } else {
                            x = d.doubleValue();
                        }
                    }
                    numbers[j][n] = x;
                } else {
                    String s = v == null ? null : v instanceof String t ? t : KeyHash.text(v);
                    texts[j][n] = s == null || KeyHash.isMissing(s) ? null : s;
                }
            }
            if (++n == BATCH) {
                flush(p, numbers, texts, wrong, n);
                n = 0;
            }
        }
        if (n > 0) flush(p, numbers, texts, wrong, n);
        return p;
    }

    private static void flush(Profiler p, double[][] numbers, String[][] texts, int[] wrong, int n) {
        for (int j = 0; j < numbers.length; j++) {
            if (numbers[j] != null) p.addNumbers(j, numbers[j], n, wrong[j]);
            else p.addStrings(j, texts[j], n);
            wrong[j] = 0;
        }
        p.addRows(n);
    }

}
