package dev.holdout.train;

import dev.holdout.metrics.Direction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The boosting loop on DMatrix level (what {@link TrainingJob} runs; public for notebooks and
 * benchmarks). It is the loop of XGBoost4J 3.4.0's {@code XGBoost.trainAndSaveCheckpoint}, written out so
 * each round can be reported: watches in a LinkedHashMap with validation last (the watch early
 * stopping reads), one eval metric, strict improvement, {@code best_iteration}/{@code best_score}
 * set as string attributes on each improvement, stop when {@code iter - best >= rounds}. The
 * returned booster is the full last one (not truncated), as XGBoost returns it.
 *
 * <p>Each round is one native call that Java cannot stop midway, so the loop checks the thread's interrupt flag
 * between rounds: {@code Thread.interrupt()} (a notebook's interrupt, a tuning job shutting its trials down) ends
 * training after the current round with a {@link CancellationException}, frees the native booster, and leaves the
 * flag set so that callers' loops (folds, trials) stop too.
 *
 * <pre>{@code
 * Boosting.Outcome o = Boosting.train(dTrain, dValid, hp, TrainingListener.NONE);
 * o.curve().bestIteration();                    // 23
 * o.booster().getAttr("best_iteration");        // "23"
 * o.booster().getNumBoostedRound();             // 34 == 23 + early_stopping_rounds(10) + 1
 * }</pre>
 */
public final class Boosting {
    private Boosting() {}

    /** The booster (all rounds trained) and the metric history. */
    public record Outcome(Booster booster, LearningCurve curve) {}

    /** Boosts up to num_round rounds; {@code validation} may be null (then no early stopping). */
    public static Outcome train(DMatrix train, DMatrix validation, Hyperparameters hp, TrainingListener listener) {
        Map<String, DMatrix> watches = watches(train, validation);
        DMatrix[] mats = watches.values().toArray(new DMatrix[0]);
        String[] names = watches.keySet().toArray(new String[0]);
        int numRound = hp.numRound();
        float[] trainScores = new float[numRound];
        float[] validScores = new float[validation == null ? 0 : numRound];
        Direction direction = hp.evalDirection();
        float best = (float) direction.worst();
        int bestIteration = -1;
        int rounds = 0;
        boolean stopped = false;
        long start = System.nanoTime();
        String doing = "creating the booster";
        try {
            // round = 0 builds the booster with its caches over all watches and boosts nothing.
            Booster booster = XGBoost.train(train, hp.xgboostParams(), 0, watches, null, null);
            float[] out = new float[mats.length];
            for (int iter = 0; iter < numRound; iter++) {
                if (Thread.interrupted()) throw interrupted(booster, iter, numRound);
                doing = "boosting round " + (iter + 1) + " of " + numRound;
                booster.update(train, iter);
                doing = "evaluating " + hp.evalMetric() + " after round " + (iter + 1);
                booster.evalSet(mats, names, iter, out);
                rounds = iter + 1;
                trainScores[iter] = out[0];
                float score = out[out.length - 1];
                if (validation != null) validScores[iter] = score;
                boolean improved = direction.isBetter(score, best); // strict; NaN never improves
                if (validation != null && improved) {
                    best = score;
                    bestIteration = iter;
                    booster.setAttr("best_iteration", String.valueOf(iter));
                    booster.setAttr("best_score", String.valueOf(score));
                }
                if (validation == null) bestIteration = iter;
                listener.onRound(new RoundEvent(iter, numRound, hp.evalMetric(), out[0], validation == null ? Float.NaN : score,
                        bestIteration, Duration.ofNanos(System.nanoTime() - start)));
                if (hp.earlyStopping() && bestIteration >= 0 && iter - bestIteration >= hp.earlyStoppingRounds()) {
                    stopped = iter + 1 < numRound;
                    break;
                }
                if (hp.earlyStopping() && bestIteration < 0 && iter + 1 >= hp.earlyStoppingRounds()) {
                    // every validation score so far was NaN: nothing can improve
                    stopped = iter + 1 < numRound;
                    break;
                }
            }
            if (bestIteration < 0) {
                throw dev.holdout.data.DataValidationException.param("eval_metric", hp.evalMetric(),
                        "the validation " + hp.evalMetric() + " was NaN in every round, so early stopping has nothing to compare",
                        "check the validation labels (one class only? values the metric cannot take, such as rmsle of labels <= -1?) "
                                + "or choose another eval_metric");
            }
            float[] t = java.util.Arrays.copyOf(trainScores, rounds);
            float[] v = java.util.Arrays.copyOf(validScores, validation == null ? 0 : rounds);
            return new Outcome(booster, new LearningCurve(hp.evalMetric(), direction, t, v, bestIteration,
                    validation == null ? Float.NaN : best, stopped));
        } catch (XGBoostError e) {
            throw XGBoostFailure.of(doing, e);
        }
    }

    private static CancellationException interrupted(Booster booster, int rounds, int numRound) {
        booster.dispose();
        Thread.currentThread().interrupt(); // keep the flag: the caller's own loop must stop as well
        return new CancellationException("training interrupted after " + rounds + " of num_round=" + numRound
                + " rounds; no model was kept (the thread was interrupted)");
    }

    /** train first, validation LAST: XGBoost4J early-stops on the last watch in iteration order. */
    static Map<String, DMatrix> watches(DMatrix train, DMatrix validation) {
        Map<String, DMatrix> watches = new LinkedHashMap<>();
        watches.put("train", train);
        if (validation != null) watches.put("validation", validation);
        return watches;
    }
}
