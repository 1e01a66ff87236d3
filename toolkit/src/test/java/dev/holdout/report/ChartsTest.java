package dev.holdout.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.SeededRandom;
import dev.holdout.metrics.Curve;
import dev.holdout.metrics.RegressionCharts;
import dev.holdout.metrics.Scores;
import dev.holdout.train.LearningCurve;
import dev.holdout.train.ValidationCurve;
import dev.holdout.tune.EarlyStoppingType;
import dev.holdout.tune.MedianStoppingRule;
import dev.holdout.tune.ParameterRange;
import dev.holdout.tune.SearchSpace;
import dev.holdout.tune.Strategy;
import dev.holdout.tune.TrialOutcome;
import dev.holdout.tune.Tuner;
import dev.holdout.tune.TuningJobConfig;
import dev.holdout.tune.TuningObjective;
import dev.holdout.tune.TuningResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every kind of chart the toolkit draws is readable: at most 4 significant digits per tick label, tick labels that do
 * not overlap, a handful of ticks per axis, the legend outside the plot area, a title and axis titles. The layout is
 * read back from the painted chart ({@link ChartLayout}), so these fail on the picture a user would see.
 */
class ChartsTest {

    /** Binary truth with 36 positives and scores that separate them imperfectly: TPRs are multiples of 1/36. */
    private static Object[] scored() {
        SeededRandom r = new SeededRandom(11);
        int n = 300;
        int[] truth = new int[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i < 36 ? 1 : 0;
            score[i] = 0.35 * truth[i] + 0.65 * r.nextDouble();
        }
        return new Object[] {truth, score};
    }

    @Test
    void rocCurveHasFewRoundTicksAndTheLegendBelowThePlot() {
        Object[] d = scored();
        Curve roc = Scores.rocCurve((int[]) d[0], (double[]) d[1], 1, null);
        ChartLayout layout = assertReadable(roc.chart());
        // the bug this guards: a tick with a 15-digit label at each of the 36 distinct true positive rates
        assertTrue(layout.yTicks().size() <= 12, layout.yTicks().toString());
        assertTrue(layout.yTicks().stream().anyMatch(t -> t.label().equals("0.5")), layout.yTicks().toString());
        assertTrue(layout.xTitle().contains("false positive rate"));
    }

    @Test
    void precisionRecallCurveMarksTheChosenThreshold() {
        Object[] d = scored();
        Curve pr = Scores.precisionRecallCurve((int[]) d[0], (double[]) d[1], 1, null);
        var chosen = pr.thresholdForRecall(0.9);
        Charts.Line chart = pr.chart(chosen);
        assertReadable(chart);
        assertTrue(chart.seriesData().keySet().stream().anyMatch(k -> k.startsWith("threshold " + Charts.tickLabel(chosen.threshold()))),
                chart.seriesData().keySet().toString());
        assertEquals(Scores.averagePrecision((int[]) d[0], (double[]) d[1]), pr.averagePrecision(), 1e-12,
                "the chart's title reports the same average precision as Scores");
    }

    @Test
    void learningCurveOverTwoHundredRounds() {
        float[] train = new float[200], valid = new float[200];
        for (int i = 0; i < 200; i++) {
            train[i] = (float) (0.69 * Math.exp(-i / 30.0) + 0.05);
            valid[i] = (float) (0.69 * Math.exp(-i / 25.0) + 0.3 + 0.0009 * Math.max(0, i - 40));
        }
        LearningCurve curve = new LearningCurve("logloss", dev.holdout.metrics.Direction.LOWER_IS_BETTER, train, valid, 40, valid[40], false);
        ChartLayout layout = assertReadable(curve.chart("Learning curve"));
        assertTrue(layout.xTicks().size() <= 12, layout.xTicks().toString());
        assertTrue(layout.yTitle().contains("lower is better"), layout.yTitle());
    }

    @Test
    void validationCurveOverDepth() {
        ValidationCurve c = new ValidationCurve("max_depth", "logloss", dev.holdout.metrics.Direction.LOWER_IS_BETTER, new double[] {1, 2, 4, 8},
                new double[] {0.41, 0.35, 0.22, 0.05}, new double[] {0.44, 0.43, 0.46, 0.55});
        assertReadable(c.chart());
    }

    @Test
    void tuningChartsKeepAStoppedTrialFromFlatteningTheRest() {
        // trials report one loss per round; trial 4 is stopped by the median rule at a loss far above the others
        double[][] curves = {{0.30, 0.20, 0.108}, {0.30, 0.21, 0.104}, {0.31, 0.22, 0.112}, {0.9, 0.8, 0.7}, {0.29, 0.2, 0.103}};
        TuningJobConfig job = TuningJobConfig.of(Strategy.RANDOM, SearchSpace.of(ParameterRange.continuous("x", 0, 1)),
                        TuningObjective.of("validation:logloss"))
                .withMaxTrials(5).withEarlyStopping(EarlyStoppingType.AUTO).withMedianRule(new MedianStoppingRule(3, 0));
        TuningResult result = Tuner.of(job).run((trial, reporter) -> {
            double[] c = curves[trial.number() - 1];
            int r = 0;
            double last = Double.NaN;
            while (r < c.length) {
                last = c[r++];
                if (!reporter.report(r, last)) break;
            }
            return TrialOutcome.of(last).withRounds(r);
        });
        assertEquals(1, result.stoppedEarlyCount(), result.toString());
        Charts.Line objective = result.objectiveChart();
        ChartLayout layout = assertReadable(objective);
        assertTrue(layout.yTitle().contains("clipped") && layout.title().contains("y axis clipped to"), "the chart says it is clipped: " + layout.title());
        assertTrue(objective.seriesData().isEmpty() || objective.describe().contains("off the scale"), objective.describe());
        double top = Double.parseDouble(layout.yTicks().get(layout.yTicks().size() - 1).label());
        assertTrue(top < 0.3, "the completed trials (0.103-0.112) fill the axis, not the stopped trial's 0.8: top tick " + top);
        assertReadable(result.bestSoFarChart());
    }

    @Test
    void regressionChartsHaveTheIdentityAndZeroLines() {
        SeededRandom r = new SeededRandom(5);
        int n = 120;
        double[] actual = new double[n], predicted = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = 25 + 300 * r.nextDouble();
            predicted[i] = actual[i] + 40 * r.nextGaussian();
        }
        Charts.Line vs = RegressionCharts.predictedVsActual(actual, predicted, "(progression)");
        assertReadable(vs);
        assertTrue(vs.seriesData().containsKey("perfect prediction (y = x)"));
        Charts.Line res = RegressionCharts.residuals(actual, predicted, "(progression)");
        assertReadable(res);
        double[][] zero = res.seriesData().get("no error (residual 0)");
        assertEquals(0.0, zero[1][0]);
        assertEquals(0.0, zero[1][1]);
    }

    @Test
    void barsAndStrips() {
        List<String> models = List.of("nearest day", "month average");
        assertReadable(Charts.bars("Test MAE by split", "model", "test MAE (°C)")
                .series("random split", models, new double[] {1.93, 3.41}).series("time split", models, new double[] {3.12, 3.38}));
        SeededRandom r = new SeededRandom(3);
        double[] a = new double[20], b = new double[20];
        for (int i = 0; i < 20; i++) {
            a[i] = 0.05 + 0.01 * r.nextGaussian();
            b[i] = 0.002 * r.nextGaussian();
        }
        Charts.Strip strip = Charts.strip("Optimism over 20 seeds", "way", "optimism (ROC AUC)")
                .group("(b) random split", a).group("(d) safe", b).reference(0, "no optimism");
        ChartLayout layout = assertReadable(strip);
        assertEquals(List.of("(b) random split", "(d) safe"), layout.xTicks().stream().map(ChartLayout.Tick::label).toList());
        assertTrue(strip.describe().contains("(d) safe (20 values"), strip.describe());
        // five long group names: turned so they do not run into each other
        Charts.Strip crowded = Charts.strip("Optimism of each way of folding", "folds (and what the new data is)", "optimism")
                .group("k-fold (later)", a).group("time-series (later)", b).group("time-series, gap (later)", a)
                .group("k-fold (new machines)", b).group("group k-fold (new machines)", a);
        assertEquals(5, assertReadable(crowded).xTicks().size());
    }

    @Test
    void histogramsOfManyValues() {
        SeededRandom r = new SeededRandom(9);
        double[] a = new double[1000], b = new double[1000];
        for (int i = 0; i < 1000; i++) {
            a[i] = 0.76 + 0.015 * r.nextGaussian();
            b[i] = 0.75 + 0.015 * r.nextGaussian();
        }
        java.util.Map<String, double[]> series = new java.util.LinkedHashMap<>();
        series.put("A", a);
        series.put("B", b);
        Charts.Bars h = Charts.histogram("ROC AUC on 1,000 resamples", "test ROC AUC", 15, series);
        ChartLayout layout = assertReadable(h);
        assertTrue(layout.xTicks().size() >= 10 && layout.xTicks().size() <= 30, "one labelled bar group per bin: " + layout.xTicks());
        assertTrue(h.describe().contains("series: A ("), h.describe());
        double total = 0;
        for (String count : h.describe().replaceAll(".*series: A \\(([^)]*)\\).*", "$1").split(", ")) total += Double.parseDouble(count);
        assertEquals(1000, total, "every value is counted once");
    }

    @Test
    void anAxisKeepsToItsDataWhateverTheMagnitude() {
        // dates as fractional years, 2012-2016: the axis must not widen to a decade around them
        double[] x = new double[48], y = new double[48];
        for (int i = 0; i < 48; i++) {
            x[i] = 2012 + i / 12.0;
            y[i] = 10 + 8 * Math.sin(i / 2.0);
        }
        ChartLayout layout = assertReadable(Charts.line("Monthly temperature", "date (year)", "temperature (°C)").points("month", x, y));
        double first = Double.parseDouble(layout.xTicks().get(0).label());
        double last = Double.parseDouble(layout.xTicks().get(layout.xTicks().size() - 1).label());
        assertTrue(first >= 2011.5 && last <= 2016.5, "x ticks from " + first + " to " + last);
    }

    @Test
    void tickLabelsRoundToFourSignificantDigits() {
        assertEquals("0.9863", Charts.tickLabel(0.986301369863014));
        assertEquals("0.25", Charts.tickLabel(0.25));
        assertEquals("25000", Charts.tickLabel(25000));
        assertEquals("123500", Charts.tickLabel(123456));
        assertEquals("0", Charts.tickLabel(-1e-15));
        assertEquals("-0.0001235", Charts.tickLabel(-0.00012345678));
        assertEquals(4, ChartLayout.significantDigits("2012"));
        assertEquals(3, ChartLayout.significantDigits("0.0253"));
        assertEquals(2, ChartLayout.significantDigits("25000"));
    }

    /** The checks every chart passes; returns the layout for chart-specific ones. */
    static ChartLayout assertReadable(Charts.Figure figure) {
        ChartLayout layout = ChartLayout.of(figure);
        String what = figure.describe();
        assertFalse(layout.title() == null || layout.title().isBlank(), "a title: " + what);
        assertFalse(layout.xTitle() == null || layout.xTitle().isBlank(), "an x-axis title: " + what);
        assertFalse(layout.yTitle() == null || layout.yTitle().isBlank(), "a y-axis title: " + what);
        assertTrue(layout.titleWidth() <= layout.width() - 20, "the title fits the chart's width: " + what);
        assertTrue(layout.xTitleWidth() <= layout.plot().getWidth(), "the x-axis title fits along the plot: " + what);
        assertTrue(layout.yTitleWidth() <= layout.plot().getHeight(), "the y-axis title (" + Math.round(layout.yTitleWidth())
                + " px) fits along the plot's height (" + Math.round(layout.plot().getHeight()) + " px): " + what);
        for (List<ChartLayout.Tick> axis : List.of(layout.xTicks(), layout.yTicks())) {
            boolean x = axis == layout.xTicks();
            int most = x && !(figure instanceof Charts.Line) ? 30 : 12;   // a category axis labels each category
            assertTrue(axis.size() >= 2 && axis.size() <= most, (x ? "x" : "y") + " axis has 2-" + most + " ticks: " + axis + " in " + what);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < axis.size(); i++) {
                ChartLayout.Tick t = axis.get(i);
                assertTrue(ChartLayout.significantDigits(t.label()) <= Charts.MAX_SIGNIFICANT_DIGITS,
                        "tick label '" + t.label() + "' has at most 4 significant digits in " + what);
                assertTrue(seen.add(t.label()), "tick label '" + t.label() + "' appears once on its axis in " + what);
                if (i == 0) continue;
                ChartLayout.Tick p = axis.get(i - 1);
                double room = x ? (p.width() + t.width()) / 2 + 2 : (p.height() + t.height()) / 2 + 1;
                assertTrue(t.at() - p.at() >= room, "tick labels '" + p.label() + "' and '" + t.label() + "' do not overlap ("
                        + (t.at() - p.at()) + " px apart, need " + room + ") in " + what);
            }
        }
        assertNotNull(layout.plot());
        if (layout.legend() != null) {
            assertFalse(layout.legend().intersects(layout.plot()), "the legend " + layout.legend() + " lies outside the plot area "
                    + layout.plot() + " in " + what);
        }
        return layout;
    }
}
