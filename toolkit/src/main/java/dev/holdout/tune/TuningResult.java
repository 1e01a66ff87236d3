package dev.holdout.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.io.OutputFile;
import dev.holdout.io.StrictJson;
import dev.holdout.report.Charts;
import dev.holdout.report.Html;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a tuning job: every trial, the best completed one, warnings, and (once attached)
 * the single test-set evaluation of the best trial. Immutable.
 *
 * <pre>{@code
 * TuningResult r = Tuner.of(job).run(objective);
 * r.best().map(TrialRecord::number);   // Optional[7]
 * r.save(Path.of("runs/tune-1"));       // tuning.json, report.html, objective-by-trial.png, best-so-far.png
 * }</pre>
 */
public final class TuningResult {
    private final TuningJobConfig config;
    private final List<TrialRecord> trials;
    private final List<String> warnings;
    private final double seconds;
    private final int threadsPerTrial;
    private final TestEvaluation testEvaluation;
    private final TrialRecord best;

    TuningResult(TuningJobConfig config, List<TrialRecord> trials, List<String> warnings, double seconds, int threadsPerTrial,
                 TestEvaluation testEvaluation) {
        this.config = config;
        this.trials = List.copyOf(trials);
        this.warnings = List.copyOf(warnings);
        this.seconds = seconds;
        this.threadsPerTrial = threadsPerTrial;
        this.testEvaluation = testEvaluation;
        this.best = chooseBest(config.objective(), this.trials);
    }

    /** Best eligible (completed, finite) trial; ties go to the lower trial number. */
    static TrialRecord chooseBest(TuningObjective objective, List<TrialRecord> trials) {
        TrialRecord best = null;
        for (TrialRecord t : trials) {
            if (!t.eligible()) continue;
            if (best == null || objective.isBetter(t.objective(), best.objective())) best = t;
        }
        return best;
    }

    public TuningJobConfig config() { return config; }

    /** Every started trial, in trial order. */
    public List<TrialRecord> trials() { return trials; }

    /** The best completed trial; empty when none completed. */
    public Optional<TrialRecord> best() { return Optional.ofNullable(best); }

    public List<String> warnings() { return warnings; }

    /** Wall-clock seconds of the whole job. */
    public double seconds() { return seconds; }

    public int threadsPerTrial() { return threadsPerTrial; }

    public Optional<TestEvaluation> testEvaluation() { return Optional.ofNullable(testEvaluation); }

    /** A copy with the single post-tuning test evaluation attached (only once). */
    /** A copy with more warnings after the tuner's own (the tuning spec's, e.g. a dated file split at random). */
    public TuningResult withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        for (String w : more) if (!all.contains(w)) all.add(w);
        return new TuningResult(config, trials, all, seconds, threadsPerTrial, testEvaluation);
    }

    public TuningResult withTestEvaluation(TestEvaluation e) {
        if (testEvaluation != null) {
            throw new IllegalStateException("the test part was already evaluated once (" + testEvaluation
                    + "); evaluating it again would make it a validation set");
        }
        if (best == null || e.trialNumber() != best.number()) {
            throw new IllegalArgumentException("trialNumber=" + e.trialNumber() + ": the test evaluation must be of the best trial ("
                    + (best == null ? "none" : best.number()) + ")");
        }
        return new TuningResult(config, trials, warnings, seconds, threadsPerTrial, e);
    }

    /**
     * A copy whose trials' training job folders under {@code from} point under {@code to} instead: for a
     * job written into a temporary folder that is then renamed into place.
     */
    public TuningResult withFoldersMoved(Path from, Path to) {
        List<TrialRecord> moved = new java.util.ArrayList<>(trials.size());
        for (TrialRecord t : trials) moved.add(t.withFolderMoved(from, to));
        return new TuningResult(config, moved, warnings, seconds, threadsPerTrial, testEvaluation);
    }

    public int stoppedEarlyCount() {
        int k = 0;
        for (TrialRecord t : trials) if (t.stoppedEarly()) k++;
        return k;
    }

    /** Best objective among eligible trials 1..k, for k = 1..trials (NaN before the first eligible one). */
    public double[] bestSoFar() {
        double[] out = new double[trials.size()];
        double b = Double.NaN;
        for (int i = 0; i < out.length; i++) {
            TrialRecord t = trials.get(i);
            if (t.eligible() && (Double.isNaN(b) || config.objective().isBetter(t.objective(), b))) b = t.objective();
            out[i] = b;
        }
        return out;
    }

    /**
     * The objective of every trial, completed trials and stopped ones in their own colours. A stopped trial's partial
     * objective can be far worse than any completed one (its loss after a few rounds); the y axis then keeps to the
     * completed trials' range and the stopped trial is drawn on the edge, as the axis title says, so it cannot
     * flatten the trials that matter into one line.
     */
    public Charts.Line objectiveChart() {
        List<double[]> done = new ArrayList<>(), stopped = new ArrayList<>();
        for (TrialRecord t : trials) {
            if (!Double.isFinite(t.objective())) continue;
            (t.eligible() ? done : stopped).add(new double[] {t.number(), t.objective()});
        }
        String metric = config.objective().metricName();
        Charts.Line c = Charts.line("Objective by trial (" + config.strategy() + ")", "trial (numbered in the order started)",
                metric + " (" + config.objective().direction().word() + " is better)");
        if (!done.isEmpty()) c = c.points("completed", col(done, 0), col(done, 1));
        if (!stopped.isEmpty()) c = c.points("stopped early or failed (not eligible)", col(stopped, 0), col(stopped, 1));
        if (done.size() >= 2 && !stopped.isEmpty()) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double[] p : done) {
                lo = Math.min(lo, p[1]);
                hi = Math.max(hi, p[1]);
            }
            double margin = Math.max(hi - lo, Math.abs(hi) * 0.01) * 0.25;
            double low = lo - margin, high = hi + margin;
            if (stopped.stream().anyMatch(p -> p[1] < low || p[1] > high)) c = c.clipY(low, high);
        }
        return c;
    }

    /** The best-so-far curve by trial number. */
    public Charts.Line bestSoFarChart() {
        double[] b = bestSoFar();
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < b.length; i++) if (!Double.isNaN(b[i])) pts.add(new double[] {i + 1, b[i]});
        String metric = config.objective().metricName();
        Charts.Line c = Charts.line("Best so far (" + config.strategy() + ")", "trials run",
                "best " + metric + " so far (" + config.objective().direction().word() + " is better)");
        if (!pts.isEmpty()) c = c.series("best so far", col(pts, 0), col(pts, 1));
        if (best != null) c = c.verticalMarker(best.number(), "best trial " + best.number());
        return c;
    }

    private static double[] col(List<double[]> pts, int k) {
        double[] out = new double[pts.size()];
        for (int i = 0; i < out.length; i++) out[i] = pts.get(i)[k];
        return out;
    }

    /** The sentence every report carries about the test part. */
    public String testNote() {
        if (testEvaluation == null) {
            return "The test part was not seen while tuning: trials were trained and scored on train and validation"
                    + " (or cross-validation folds) only. No test evaluation is attached.";
        }
        return "The test part was not seen while tuning: trials were trained and scored on train and validation"
                + " (or cross-validation folds) only. After trial " + testEvaluation.trialNumber() + " was chosen, its model was"
                + " evaluated once on the " + testEvaluation.testRows() + " test rows: " + testEvaluation.metricName() + " = "
                + fmt(testEvaluation.value()) + ".";
    }

    /** The results as JSON (the same content as {@code tuning.json}). */
    public String toJson() {
        ObjectMapper m = StrictJson.mapper();
        ObjectNode root = m.createObjectNode();
        ObjectNode job = root.putObject("HyperParameterTuningJobConfig");
        job.put("Strategy", config.strategy().sageMakerName());
        ObjectNode obj = job.putObject("HyperParameterTuningJobObjective");
        obj.put("MetricName", config.objective().metricName());
        obj.put("Type", config.objective().type());
        ObjectNode lim = job.putObject("ResourceLimits");
        lim.put("MaxNumberOfTrainingJobs", config.maxTrials());
        lim.put("MaxParallelTrainingJobs", config.limits().maxParallelTrials());
        if (config.limits().maxRuntime() != null) lim.put("MaxRuntimeInSeconds", config.limits().maxRuntime().toSeconds());
        job.put("TrainingJobEarlyStoppingType", config.earlyStopping().sageMakerName());
        if (config.hyperband() != null) {
            ObjectNode hb = job.putObject("StrategyConfig").putObject("HyperbandStrategyConfig");
            hb.put("MinResource", config.hyperband().minRounds());
            hb.put("MaxResource", config.hyperband().maxRounds());
            hb.put("eta", config.hyperband().eta());
        }
        job.put("RandomSeed", config.seed());
        ObjectNode ranges = job.putObject("ParameterRanges");
        for (ParameterRange r : config.space()) {
            if (r instanceof ContinuousRange c) {
                ObjectNode o = arr(ranges, "ContinuousParameterRanges").addObject();
                o.put("Name", c.name()).put("MinValue", ContinuousRange.fmt(c.min())).put("MaxValue", ContinuousRange.fmt(c.max())).put("ScalingType", c.scaling().sageMakerName());
            } else if (r instanceof IntegerRange c) {
                ObjectNode o = arr(ranges, "IntegerParameterRanges").addObject();
                o.put("Name", c.name()).put("MinValue", Long.toString(c.min())).put("MaxValue", Long.toString(c.max()))
                        .put("ScalingType", c.scaling().sageMakerName());
            } else if (r instanceof CategoricalRange c) {
                ObjectNode o = arr(ranges, "CategoricalParameterRanges").addObject();
                o.put("Name", c.name());
                ArrayNode vs = o.putArray("Values");
                c.values().forEach(vs::add);
            }
        }
        root.put("seconds", seconds);
        root.put("threadsPerTrial", threadsPerTrial);
        root.put("trialsRun", trials.size());
        root.put("stoppedEarly", stoppedEarlyCount());
        if (best != null) {
            ObjectNode b = root.putObject("bestTrial");
            b.put("number", best.number());
            b.put("objective", best.objective());
            b.set("hyperparameters", m.valueToTree(best.hyperparameters().asStrings()));
            if (best.jobFolder() != null) b.put("trainingJobFolder", best.jobFolder().toString());
        } else {
            root.putNull("bestTrial");
        }
        ObjectNode test = root.putObject("test");
        test.put("seenWhileTuning", false);
        test.put("note", testNote());
        if (testEvaluation != null) {
            test.put("metric", testEvaluation.metricName());
            test.put("value", testEvaluation.value());
            test.put("rows", testEvaluation.testRows());
            test.put("trial", testEvaluation.trialNumber());
        }
        ArrayNode ws = root.putArray("warnings");
        warnings.forEach(ws::add);
        ArrayNode ts = root.putArray("trials");
        for (TrialRecord t : trials) {
            ObjectNode o = ts.addObject();
            o.put("number", t.number());
            o.set("hyperparameters", m.valueToTree(t.hyperparameters().asStrings()));
            if (Double.isFinite(t.objective())) o.put("objective", t.objective()); else o.putNull("objective");
            o.put("roundsRun", t.roundsRun());
            o.put("status", t.stoppedBy().name());
            o.put("stoppedEarly", t.stoppedEarly());
            if (!t.stopDetail().isEmpty()) o.put("stopDetail", t.stopDetail());
            o.put("seconds", t.seconds());
            if (t.jobFolder() != null) o.put("trainingJobFolder", t.jobFolder().toString());
            if (!t.failure().isEmpty()) o.put("failure", t.failure());
            ArrayNode c = o.putArray("curve");
            for (double v : t.curve()) c.add(v);
        }
        return StrictJson.pretty(root);
    }

    private static ArrayNode arr(ObjectNode parent, String name) {
        return parent.has(name) ? (ArrayNode) parent.get(name) : parent.putArray(name);
    }

    /** An HTML fragment for notebooks: summary, the test note, the trial table and both charts. */
    public String toHtml() { return toHtml(true); }

    private String toHtml(boolean inlineCharts) {
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"holdout-tuning\"><p><b>").append(Html.escape(config.strategy().sageMakerName()))
                .append("</b> tuning of <b>").append(Html.escape(config.objective().toString())).append("</b>: ")
                .append(trials.size()).append(" trials (").append(stoppedEarlyCount()).append(" stopped early), ")
                .append(config.limits().maxParallelTrials()).append(" in parallel with nthread=").append(threadsPerTrial)
                .append(", early stopping ").append(Html.escape(config.earlyStopping().sageMakerName()))
                .append(String.format(Locale.ROOT, ", %.2f s.", seconds)).append("</p>");
        if (best != null) {
            sb.append("<p>Best trial: <b>").append(best.number()).append("</b>, ")
                    .append(Html.escape(config.objective().metricName())).append(" = <b>").append(fmt(best.objective()))
                    .append("</b> with ").append(Html.escape(best.hyperparameters().display()));
            if (best.jobFolder() != null) sb.append("; training job folder <code>").append(Html.escape(best.jobFolder())).append("</code>");
            sb.append(".</p>");
        } else {
            sb.append("<p><b>No trial completed</b>, so there is no best trial.</p>");
        }
        sb.append("<p class=\"note\">").append(Html.escape(testNote())).append("</p>");
        for (String w : warnings) sb.append("<p class=\"note\">Warning: ").append(Html.escape(w)).append("</p>");
        List<String> header = new ArrayList<>(List.of("trial"));
        header.addAll(config.space().names());
        header.addAll(List.of(config.objective().metricName(), "rounds", "status", "stopped early", "seconds", "detail"));
        List<List<Object>> rows = new ArrayList<>();
        for (TrialRecord t : trials) {
            List<Object> row = new ArrayList<>();
            row.add(t.number() + (best != null && t.number() == best.number() ? " (best)" : ""));
            for (Map.Entry<String, String> e : t.hyperparameters().display().entrySet()) row.add(e.getValue());
            row.add(fmt(t.objective()));
            row.add(t.roundsRun());
            row.add(t.stoppedBy().label());
            row.add(t.stoppedEarly() ? "yes" : "no");
            row.add(String.format(Locale.ROOT, "%.3f", t.seconds()));
            row.add(t.failure().isEmpty() ? t.stopDetail() : t.failure());
            rows.add(row);
        }
        sb.append(Html.table(header, rows));
        if (inlineCharts && !trials.isEmpty()) {
            sb.append(Html.image(objectiveChart().image(), "objective by trial"));
            sb.append(Html.image(bestSoFarChart().image(), "best so far"));
        }
        return sb.append("</div>").toString();
    }

    /**
     * Writes {@code tuning.json}, {@code report.html} (charts inlined) and the two PNG charts into
     * {@code dir} (created if missing; each file written atomically).
     */
    public void save(Path dir) {
        OutputFile.replace(dir.resolve("tuning.json"), toJson());
        OutputFile.replace(dir.resolve("report.html"), Html.page("Tuning job: " + config.strategy() + ", "
                + config.objective(), toHtml(true)));
        if (!trials.isEmpty()) {
            Charts.savePng(objectiveChart().image(), dir.resolve("objective-by-trial.png"));
            Charts.savePng(bestSoFarChart().image(), dir.resolve("best-so-far.png"));
        }
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        return String.format(Locale.ROOT, "%.6g", v);
    }

    @Override public String toString() {
        return "TuningResult{" + config.strategy() + ", " + trials.size() + " trials, " + stoppedEarlyCount() + " stopped early, best="
                + (best == null ? "none" : "trial " + best.number() + " " + config.objective().metricName() + "=" + fmt(best.objective())
                + " " + best.hyperparameters())
                + String.format(Locale.ROOT, ", %.2fs}", seconds);
    }
}
