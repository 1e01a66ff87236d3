package dev.holdout.monitor;

import dev.holdout.data.CsvBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Computes the statistics of features from batches of values in one pass and bounded memory: per numeric
 * feature a few compensated sums, min, max and a KLL sketch; per string feature the counts of up to
 * {@link #trackedPerFeature} distinct values (then a HyperLogLog sketch for the distinct count). Results are the
 * same whatever the batch size: the sums run over the values in file order.
 *
 * <p>Profiles are mergeable ({@link #merge}) and travel as bytes ({@link #toBytes}, {@link #fromBytes}), so a
 * distributed engine profiles each partition and merges the partials (module {@code holdout-spark}): counts,
 * sums, min, max and exactly counted categories merge exactly (sums up to floating-point order); the KLL
 * sketches merge as KLL does, so bucket counts and quantiles stay within the sketch's rank error (and are
 * identical while a feature has at most {@link QuantileSketch#K} values, which KLL keeps whole).
 *
 * <pre>{@code
 * Profiler a = Profiler.of(List.of("x"), List.of(FeatureType.Fractional));
 * a.addNumbers(0, new double[] {1, 2}, 2, 0); a.addRows(2);
 * Profiler b = Profiler.fromBytes(other.toBytes());
 * Statistics s = a.merge(b).finish();
 * }</pre>
 */
public final class Profiler {
    /** Distinct values counted exactly over all string features together, at most (about 100 bytes each). */
    static final int TRACKED_TOTAL = 500_000;
    /** ...and per string feature, at most. */
    static final int TRACKED_MAX = 100_000;

    private final List<String> names;
    private final List<FeatureType> types;
    private final Object[] accumulators;
    private final int trackedPerFeature;
    private long rows;

    Profiler(List<String> names, List<FeatureType> types) {
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
        long strings = types.stream().filter(t -> !t.isNumeric()).count();
        trackedPerFeature = (int) Math.max(1_000, Math.min(TRACKED_MAX, TRACKED_TOTAL / Math.max(1, strings)));
        accumulators = new Object[names.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = types.get(i).isNumeric() ? new Numeric() : new Text(trackedPerFeature);
        }
    }

    /** An empty profile of features {@code names} of types {@code types}. */
    public static Profiler of(List<String> names, List<FeatureType> types) { return new Profiler(names, types); }

    public List<String> names() { return names; }

    public List<FeatureType> types() { return types; }

    public long rows() { return rows; }

    /** Adds a batch whose columns are the features (read with the kinds the features need). */
    void accept(CsvBatch b) {
        int n = b.rows();
        for (int j = 0; j < names.size(); j++) {
            String c = names.get(j);
            if (accumulators[j] instanceof Numeric num) num.add(b.numbers(c), n, b.mismatches(c));
            else ((Text) accumulators[j]).add(b.codes(c), b.dictionary(c), n);
        }
        rows += n;
    }

    /** Adds values of feature {@code j}: NaN is missing, of which {@code mismatches} were values of another type. */
    public void addNumbers(int j, double[] values, int n, int mismatches) { ((Numeric) accumulators[j]).add(values, n, mismatches); }

    /** Adds values of string feature {@code j}: null is missing. */
    public void addStrings(int j, String[] values, int n) { ((Text) accumulators[j]).add(values, n); }

    /** Adds {@code n} values of another type to feature {@code j} (a text column where a number is expected). */
    public void addWrongType(int j, long n) {
        if (accumulators[j] instanceof Numeric num) num.wrongType += n;
        else throw new IllegalStateException("a string feature takes any value");
    }

    /** Counts rows added through {@link #addNumbers} / {@link #addStrings}. */
    public void addRows(long n) { rows += n; }

    public Statistics finish() {
        List<FeatureStatistics> out = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            out.add(accumulators[j] instanceof Numeric num ? num.finish(names.get(j), types.get(j)) : ((Text) accumulators[j]).finish(names.get(j)));
        }
        return new Statistics(rows, out);
    }

    /** Adds {@code other}'s values into this profile (same features and types) and returns this one. */
    public Profiler merge(Profiler other) {
        if (!names.equals(other.names) || !types.equals(other.types)) {
            throw new IllegalArgumentException("profiles of different features: " + names + " " + types + " and " + other.names + " " + other.types);
        }
        for (int j = 0; j < accumulators.length; j++) {
            if (accumulators[j] instanceof Numeric num) num.merge((Numeric) other.accumulators[j]);
            else ((Text) accumulators[j]).merge((Text) other.accumulators[j]);
        }
        rows += other.rows;
        return this;
    }

    /** The profile as bytes (a compact binary form for shipping partials between machines; not a file format). */
    public byte[] toBytes() {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
            out.writeInt(names.size());
            for (int j = 0; j < names.size(); j++) {
                out.writeUTF(names.get(j));
                out.writeUTF(types.get(j).name());
            }
            out.writeLong(rows);
            for (Object a : accumulators) {
                if (a instanceof Numeric num) num.write(out);
                else ((Text) a).write(out);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A profile from {@link #toBytes()}. */
    public static Profiler fromBytes(byte[] b) {
        try {
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(b));
            int k = in.readInt();
            List<String> names = new ArrayList<>();
            List<FeatureType> types = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                names.add(in.readUTF());
                types.add(FeatureType.valueOf(in.readUTF()));
            }
            Profiler p = new Profiler(names, types);
            p.rows = in.readLong();
            for (Object a : p.accumulators) {
                if (a instanceof Numeric num) num.read(in);
                else ((Text) a).read(in);
            }
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Neumaier's compensated sum: the error of each addition is kept and added back at the end. */
    static final class Sum {
        double sum, compensation;

        void add(double x) {
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) compensation += (sum - t) + x;
            else compensation += (x - t) + sum;
            sum = t;
        }

        double value() { return sum + compensation; }

        void merge(Sum o) {
            add(o.sum);
            compensation += o.compensation;
        }
    }

    static final class Numeric {
        long present, missing, wrongType, notWhole;
        final Sum sum = new Sum(), shifted = new Sum(), shiftedSquares = new Sum();
        /** The first value: the variance is computed from values shifted by it, which keeps the squares small. */
        double shift = Double.NaN;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        final KllDoublesSketch kll = QuantileSketch.newKll();
        double[] scratch = new double[0];

        void add(double[] v, int n, int mismatches) {
            if (scratch.length < n) scratch = new double[n];
            double[] keep = scratch;
            int k = 0;
            long nan = 0;
            for (int i = 0; i < n; i++) {
                double x = v[i];
                if (x != x) {
                    nan++;
                    continue;
                }
                if (shift != shift) shift = x;
                sum.add(x);
                double d = x - shift;
                shifted.add(d);
                shiftedSquares.add(d * d);
                if (x < min) min = x;
                if (x > max) max = x;
                if (x != Math.rint(x)) notWhole++;
                keep[k++] = x;
            }
            if (k > 0) kll.update(keep, 0, k);
            present += k;
            missing += nan - mismatches;
            wrongType += mismatches;
        }

        void merge(Numeric o) {
            if (o.present > 0) {
                if (shift != shift) {
                    shift = o.shift;
                    shifted.merge(o.shifted);
                    shiftedSquares.merge(o.shiftedSquares);
                } else {
                    // o's sums are of values shifted by o.shift: move them to this shift, d' = d + delta
                    double delta = o.shift - shift, s1 = o.shifted.value();
                    shifted.add(s1);
                    shifted.add(o.present * delta);
                    shiftedSquares.merge(o.shiftedSquares);
                    shiftedSquares.add(2 * delta * s1);
                    shiftedSquares.add(o.present * delta * delta);
                }
                sum.merge(o.sum);
                min = Math.min(min, o.min);
                max = Math.max(max, o.max);
                kll.merge(o.kll);
            }
            present += o.present;
            missing += o.missing;
            wrongType += o.wrongType;
            notWhole += o.notWhole;
        }

        void write(java.io.DataOutputStream out) throws java.io.IOException {
            out.writeLong(present);
            out.writeLong(missing);
            out.writeLong(wrongType);
            out.writeLong(notWhole);
            for (Sum x : new Sum[] {sum, shifted, shiftedSquares}) {
                out.writeDouble(x.sum);
                out.writeDouble(x.compensation);
            }
            out.writeDouble(shift);
            out.writeDouble(min);
            out.writeDouble(max);
            // the retained items with their weights, not kll.toByteArray(): DataSketches' Memory refuses Java 25
            List<double[]> items = new ArrayList<>();
            if (!kll.isEmpty()) {
                org.apache.datasketches.quantilescommon.QuantilesDoublesSketchIterator it = kll.iterator();
                while (it.next()) items.add(new double[] {it.getQuantile(), it.getWeight()});
            }
            out.writeInt(items.size());
            for (double[] x : items) {
                out.writeDouble(x[0]);
                out.writeLong((long) x[1]);
            }
        }

        void read(java.io.DataInputStream in) throws java.io.IOException {
            present = in.readLong();
            missing = in.readLong();
            wrongType = in.readLong();
            notWhole = in.readLong();
            for (Sum x : new Sum[] {sum, shifted, shiftedSquares}) {
                x.sum = in.readDouble();
                x.compensation = in.readDouble();
            }
            shift = in.readDouble();
            min = in.readDouble();
            max = in.readDouble();
            int items = in.readInt();
            for (int i = 0; i < items; i++) {
                double item = in.readDouble();
                kll.update(item, in.readLong());
            }
        }

        NumericStatistics finish(String name, FeatureType type) {
            QuantileSketch sketch = QuantileSketch.of(kll);
            if (present == 0) {
                return new NumericStatistics(name, type, 0, missing, wrongType, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(), sketch);
            }
            double mean = sum.value() / present;
            double s1 = shifted.value(), s2 = shiftedSquares.value();
            double variance = Math.max(0, (s2 - s1 * s1 / present) / present);
            FeatureType t = type == FeatureType.Integral && notWhole > 0 ? FeatureType.Fractional : type;
            List<NumericStatistics.Bucket> buckets = NumericStatistics.buckets(min, max, sketch);
            sketch.release(); // a wide baseline keeps only the sketches' levels, not a sorted copy of each
            return new NumericStatistics(name, t, present, missing, wrongType, notWhole, sum.value(), mean, Math.sqrt(variance), min, max,
                    buckets, sketch);
        }
    }

    static final class Text {
        long present, missing, other;
        final Map<String, long[]> counts = new HashMap<>();
        final int tracked;
        /** Every distinct value once the exact counts are full (seeded then with the values counted so far). */
        HllSketch hll;
        long[] perCode = new long[0];

        Text(int tracked) { this.tracked = tracked; }

        void add(int[] codes, List<String> dictionary, int n) {
            if (perCode.length < dictionary.size()) perCode = new long[dictionary.size()];
            else java.util.Arrays.fill(perCode, 0, dictionary.size(), 0);
            long miss = 0;
            for (int i = 0; i < n; i++) {
                int c = codes[i];
                if (c < 0) miss++;
                else perCode[c]++;
            }
            missing += miss;
            present += n - miss;
            for (int c = 0; c < dictionary.size(); c++) if (perCode[c] > 0) count(dictionary.get(c), perCode[c]);
        }

        void add(String[] values, int n) {
            for (int i = 0; i < n; i++) {
                String v = values[i];
                if (v == null) {
                    missing++;
                } else {
                    present++;
                    count(v, 1);
                }
            }
        }

        private void count(String v, long c) {
            long[] slot = counts.get(v);
            if (slot != null) {
                slot[0] += c;
            } else if (counts.size() < tracked) {
                counts.put(v, new long[] {c});
            } else {
                if (hll == null) {
                    hll = new HllSketch(14);
                    for (String s : counts.keySet()) hll.update(s);
                }
                other += c;
            }
            if (hll != null) hll.update(v);
        }

        void merge(Text o) {
            missing += o.missing;
            present += o.present;
            other += o.other;
            if (o.hll != null) {
                if (hll == null) {
                    hll = new HllSketch(14);
                    for (String v : counts.keySet()) hll.update(v);
                }
                org.apache.datasketches.hll.Union u = new org.apache.datasketches.hll.Union(14);
                u.update(hll);
                u.update(o.hll);
                hll = u.getResult(org.apache.datasketches.hll.TgtHllType.HLL_4);
            }
            // o.other was already added; count o's tracked values here (those beyond this one's room go to other)
            for (Map.Entry<String, long[]> e : o.counts.entrySet()) count(e.getKey(), e.getValue()[0]);
        }

        void write(java.io.DataOutputStream out) throws java.io.IOException {
            out.writeLong(present);
            out.writeLong(missing);
            out.writeLong(other);
            out.writeInt(counts.size());
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                byte[] v = e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(v.length);
                out.write(v);
                out.writeLong(e.getValue()[0]);
            }
            byte[] h = hll == null ? new byte[0] : hllBytes(hll);
            out.writeInt(h.length);
            out.write(h);
        }

        void read(java.io.DataInputStream in) throws java.io.IOException {
            present = in.readLong();
            missing = in.readLong();
            other = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                byte[] v = new byte[in.readInt()];
                in.readFully(v);
                counts.put(new String(v, java.nio.charset.StandardCharsets.UTF_8), new long[] {in.readLong()});
            }
            byte[] h = new byte[in.readInt()];
            in.readFully(h);
            if (h.length > 0) hll = HllSketch.heapify(h);
        }

        /** The distinct-count sketch as bytes; DataSketches' Memory, which this needs, refuses Java 25. */
        private static byte[] hllBytes(HllSketch hll) {
            try {
                return hll.toCompactByteArray();
            } catch (ExceptionInInitializerError | NoClassDefFoundError | IllegalArgumentException e) {
                throw new dev.holdout.io.EnvironmentException("a string feature has more distinct values than are counted exactly ("
                        + TRACKED_MAX + " at most), and its distinct-count sketch cannot be sent between machines on Java "
                        + Runtime.version().feature() + " (DataSketches' memory library supports Java 8, 11, 17 and 21): run on Java 17 or 21,"
                        + " or exclude the feature", e);
            }
        }

        StringStatistics finish(String name) {
            List<StringStatistics.CategoryCount> buckets = new ArrayList<>(counts.size());
            for (Map.Entry<String, long[]> e : counts.entrySet()) buckets.add(new StringStatistics.CategoryCount(e.getKey(), e.getValue()[0]));
            buckets.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.value().compareTo(b.value()));
            boolean estimated = hll != null;
            long distinct = estimated ? Math.max(counts.size(), Math.round(hll.getEstimate())) : counts.size();
            return new StringStatistics(name, present, missing, 0, distinct, estimated, buckets, other);
        }
    }
}
