package dev.holdout.preprocess;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.LabelVocabulary;
import dev.holdout.data.Target;
import java.util.ArrayList;
import java.util.List;
import dev.holdout.data.SeededRandom;
import java.util.stream.Collectors;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Replaces a categorical column by a shrunk mean of the label per category, as scikit-learn's
 * {@code TargetEncoder} (binary or continuous label):
 * <ul>
 * <li>{@code smooth="auto"} (default): {@code λ = n·var(y) / (n·var(y) + Σ(y−ȳ_c)²/n)},
 *     encoding {@code λ·ȳ_c + (1−λ)·ȳ}; or a fixed {@code m}: {@code (Σy + m·ȳ) / (n + m)}.</li>
 * <li>Fitting a {@link Preprocessor} cross-fits the training rows: they are dealt into
 *     {@link #folds(int)} shuffled folds (stratified for a binary label) and each row is encoded
 *     with statistics from the other folds only, so no row's encoding uses its own label. The
 *     fitted statistics, used on every later table, come from all training rows.</li>
 * <li>A missing value is a category of its own; an unseen category gets the training label mean.</li>
 * </ul>
 *
 * <pre>{@code
 * TargetEncoder.of("airport").label("damage").folds(5).seed(42);
 * }</pre>
 */
public final class TargetEncoder extends Step {
    private final List<String> columns;
    private final String label;
    private final Double smooth;
    private final int folds;
    private final long seed;

    private TargetEncoder(List<String> columns, String label, Double smooth, int folds, long seed) {
        if (folds < 2) {
            throw DataValidationException.param("TargetEncoder.folds", folds, "must be at least 2", "use e.g. folds(5)");
        }
        if (smooth != null && !(smooth >= 0 && Double.isFinite(smooth))) {
            throw DataValidationException.param("TargetEncoder.smooth", smooth, "must be a finite number >= 0", "use smoothAuto() or e.g. smooth(10)");
        }
        this.columns = columns;
        this.label = label;
        this.smooth = smooth;
        this.folds = folds;
        this.seed = seed;
    }

    public static TargetEncoder of(String... columns) { return new TargetEncoder(requireColumns("TargetEncoder", columns), null, null, 5, 0L); }

    /** The label column whose mean is encoded (required). */
    public TargetEncoder label(String label) { return new TargetEncoder(columns, label, smooth, folds, seed); }

    /** A fixed smoothing strength m (scikit-learn {@code smooth=m}). */
    public TargetEncoder smooth(double m) { return new TargetEncoder(columns, label, m, folds, seed); }

    /** Empirical-Bayes smoothing (scikit-learn {@code smooth="auto"}, the default). */
    public TargetEncoder smoothAuto() { return new TargetEncoder(columns, label, null, folds, seed); }

    /** Number of cross-fitting folds (default 5). */
    public TargetEncoder folds(int k) { return new TargetEncoder(columns, label, smooth, k, seed); }

    /** The seed of the cross-fitting shuffle (default 0). */
    public TargetEncoder seed(long seed) { return new TargetEncoder(columns, label, smooth, folds, seed); }

    public String label() { return label; }

    @Override public List<String> columns() { return columns; }

    /** The fixed smoothing strength m, or null for empirical-Bayes ("auto"). */
    public Double smoothing() { return smooth; }

    /** The number of cross-fitting folds. */
    public int folds() { return folds; }

    /** The seed of the cross-fitting shuffle. */
    public long seed() { return seed; }

    @Override List<String> fitOnlyColumns() { return label == null ? List.of() : List.of(label); }

    /** The label as doubles (binary: 1 for the positive class) with its description. */
    private record LabelValues(double[] y, String type, String positiveClass) {}

    private LabelValues target(Table train) {
        if (label == null) {
            throw DataValidationException.param("TargetEncoder.label", null, "a target encoder needs the label column to learn from",
                    "call TargetEncoder.of(" + columns.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", ")) + ").label(\"<label column>\")");
        }
        if (columns.contains(label)) {
            throw DataValidationException.param("TargetEncoder.label", label, "is also one of the encoded columns", "encode feature columns only");
        }
        Column<?> c = Columns.require(train, label, "TargetEncoder.label");
        int n = c.size();
        for (int i = 0; i < n; i++) {
            if (c.isMissing(i)) {
                throw DataValidationException.at(train.name(), i + 1, label, "", "the label is missing in row " + (i + 1)
                        + "; a target encoder cannot learn from rows without a label; drop or fill those rows first");
            }
        }
        boolean numeric = c instanceof NumericColumn<?>;
        double[] y = new double[n];
        if (numeric) {
            double[] v = ColumnValues.doubles(train, label, "TargetEncoder");
            boolean binary = true;
            for (double d : v) if (d != 0 && d != 1) { binary = false; break; }
            System.arraycopy(v, 0, y, 0, n);
            return new LabelValues(y, binary ? "binary" : "continuous", binary ? "1" : null);
        }
        // the classes in the one order; the positive class is the last (as scikit-learn's classes_[1])
        Target classes = Target.categories(train, label, "TargetEncoder.label");
        LabelVocabulary distinct = classes.vocabulary();
        if (distinct.size() > 2) {
            throw DataValidationException.param("TargetEncoder.label", label,
                    "has more than two classes; multiclass target encoding is not supported",
                    "encode a binary or numeric label, or use OneHotEncoder for this column");
        }
        int positive = distinct.size() - 1;
        for (int i = 0; i < n; i++) y[i] = classes.code(i) == positive ? 1 : 0;
        return new LabelValues(y, "binary", distinct.name(positive));
    }

    @Override FittedStep fit(Table train) {
        LabelValues t = target(train);
        return fitOn(train, t);
    }

    private Fitted fitOn(Table train, LabelValues t) {
        double yMean = Stats.mean(t.y());
        List<Encoding> out = new ArrayList<>();
        for (String name : columns) {
            // codes are already in the one order (numbers numerically, then text), a missing value last
            Target coded = Target.categories(train, name, "TargetEncoder.column");
            int[] counts = coded.counts();
            double[] enc = encodings(coded.codes(), counts.length, t.y(), null, -1, smooth);
            List<String> cats = new ArrayList<>(counts.length);
            for (int v = 0; v < counts.length; v++) cats.add(coded.nameOf(v, ColumnValues.MISSING));
            out.add(new Encoding(name, cats, toList(enc), toListInt(counts)));
        }
        return new Fitted(label, t.type(), t.positiveClass(), smooth == null ? "auto" : String.valueOf(smooth), folds, seed, yMean, out);
    }

    @Override StepFit fitTransform(Table train, FitContext context) {
        LabelValues t = target(train);
        Fitted fitted = fitOn(train, t);
        int n = train.rowCount();
        if (n < folds) {
            throw DataValidationException.param("TargetEncoder.folds", folds,
                    "cannot be greater than the number of training rows n=" + n, "use fewer folds or more rows");
        }
        int[] fold = assignFolds(t.y(), "binary".equals(t.type()), folds, seed);
        Table out = ColumnValues.shallowCopy(train);
        for (String name : columns) {
            Target coded = Target.categories(train, name, "TargetEncoder.column");
            int[] codes = coded.codes();
            int nValues = coded.counts().length;
            double[] x = new double[n];
            for (int f = 0; f < folds; f++) {
                double[] enc = encodings(codes, nValues, t.y(), fold, f, smooth);
                for (int i = 0; i < n; i++) if (fold[i] == f) x[i] = enc[codes[i]];
            }
            ColumnValues.replace(out, name, ColumnValues.column(name, x));
        }
        return new StepFit(fitted, out);
    }

    /**
     * Encoding per distinct value learned from the rows whose fold is not {@code heldOut} (all rows
     * when {@code fold} is null). A value with no learning rows gets the learning rows' label mean.
     */
    static double[] encodings(int[] codes, int nValues, double[] y, int[] fold, int heldOut, Double smooth) {
        double[] sum = new double[nValues];
        double[] count = new double[nValues];
        double total = 0;
        int n = 0;
        for (int i = 0; i < codes.length; i++) {
            if (fold != null && fold[i] == heldOut) continue;
            sum[codes[i]] += y[i];
            count[codes[i]]++;
            total += y[i];
            n++;
        }
        double yMean = total / n;
        double[] enc = new double[nValues];
        if (smooth != null) {
            for (int v = 0; v < nValues; v++) enc[v] = (sum[v] + smooth * yMean) / (count[v] + smooth);
            return enc;
        }
        double yVar = 0;
        double[] ss = new double[nValues];
        for (int i = 0; i < codes.length; i++) {
            if (fold != null && fold[i] == heldOut) continue;
            double d = y[i] - yMean;
            yVar += d * d;
            double dc = y[i] - sum[codes[i]] / count[codes[i]];
            ss[codes[i]] += dc * dc;
        }
        yVar /= n;
        for (int v = 0; v < nValues; v++) {
            if (count[v] == 0) { enc[v] = yMean; continue; }
            double mean = sum[v] / count[v];
            double lambda = yVar * count[v] / (yVar * count[v] + ss[v] / count[v]);
            enc[v] = Double.isNaN(lambda) ? yMean : lambda * mean + (1 - lambda) * yMean;
        }
        return enc;
    }

    /** Seeded fold of each row: shuffled, then dealt round-robin (per class when stratified). */
    static int[] assignFolds(double[] y, boolean stratified, int k, long seed) {
        int n = y.length;
        SeededRandom rng = new SeededRandom(seed);
        int[] fold = new int[n];
        int[][] groups;
        if (stratified) {
            int ones = 0;
            for (double v : y) if (v == 1) ones++;
            int[] pos = new int[ones];
            int[] neg = new int[n - ones];
            int a = 0, b = 0;
            for (int i = 0; i < n; i++) { if (y[i] == 1) pos[a++] = i; else neg[b++] = i; }
            groups = new int[][] {neg, pos};
        } else {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            groups = new int[][] {all};
        }
        int offset = 0;
        for (int[] g : groups) {
            for (int i = g.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = g[i]; g[i] = g[j]; g[j] = t;
            }
            for (int i = 0; i < g.length; i++) fold[g[i]] = (offset + i) % k;
            offset += g.length;
        }
        return fold;
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double d : a) l.add(d);
        return l;
    }

    private static List<Integer> toListInt(int[] a) {
        List<Integer> l = new ArrayList<>(a.length);
        for (int d : a) l.add(d);
        return l;
    }

    @Override public String toString() { return "TargetEncoder(" + columns + ", label=" + label + ", folds=" + folds + ")"; }

    /** The learned encoding of one column: for each category, its encoded value and training row count. */
    public record Encoding(String column, List<String> categories, List<Double> encodings, List<Integer> counts) {
        public Encoding {
            FittedChecks.column("TargetEncoder", column);
            categories = FittedChecks.list(column + ".categories", categories);
            encodings = FittedChecks.list(column + ".encodings", encodings);
            counts = FittedChecks.list(column + ".counts", counts);
            FittedChecks.sameSize(column + ".encodings", categories.size(), encodings.size());
            FittedChecks.sameSize(column + ".counts", categories.size(), counts.size());
            for (Double e : encodings) FittedChecks.finite(column + ".encodings", e);
        }

        @Override public String toString() { return column + ": " + categories.size() + " categories"; }
    }

    record Fitted(String label, String target, String positiveClass, String smooth, int folds, long seed,
                  double targetMean, List<Encoding> columns) implements FittedStep, Applies {
        Fitted {
            FittedChecks.present("target-encoder.label", label);
            FittedChecks.present("target-encoder.target", target);
            FittedChecks.finite("target-encoder.targetMean", targetMean);
            columns = FittedChecks.list("target-encoder.columns", columns);
        }

        @Override public String kind() { return "target-encoder"; }

        @Override public List<String> inputColumns() { return columns.stream().map(Encoding::column).toList(); }

        @Override public Table apply(Table input) {
            Table out = ColumnValues.shallowCopy(input);
            for (Encoding e : columns) {
                Target coded = Target.categories(input, e.column(), "TargetEncoder.column");
                int[] lookup = coded.positionsIn(e.categories(), ColumnValues.MISSING, -1);
                double[] valueEnc = new double[lookup.length];
                for (int v = 0; v < lookup.length; v++) valueEnc[v] = lookup[v] < 0 ? targetMean : e.encodings().get(lookup[v]);
                int rows = coded.rows();
                double[] x = new double[rows];
                for (int i = 0; i < rows; i++) x[i] = valueEnc[coded.code(i)];
                ColumnValues.replace(out, e.column(), ColumnValues.column(e.column(), x));
            }
            return out;
        }

        @Override public String toString() {
            return "target-encoder{label=" + label + ", mean=" + Stats.fmt(targetMean) + "; "
                    + columns.stream().map(Encoding::toString).collect(Collectors.joining("; ")) + "}";
        }
    }
}
