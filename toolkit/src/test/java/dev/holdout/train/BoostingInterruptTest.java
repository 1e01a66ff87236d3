package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * An interrupted thread stops boosting after the current round (each round is a native call Java cannot stop), so a
 * notebook's interrupt or a tuning job's shutdown ends a long training job promptly.
 */
class BoostingInterruptTest {
    @Test
    void anInterruptEndsALongTrainingJobAfterTheCurrentRound() throws Exception {
        Table train = TestData.binary("train", 5_000, 5, 11);
        Hyperparameters hp = Hyperparameters.numRound(1_000_000).withObjective("binary:logistic").withEvalMetric("logloss")
                .withMaxDepth(6).withSeed(1).withNthread(1);
        DMatrix dTrain = FeatureMatrix.of(train, List.of("x0", "x1", "x2", "x3", "x4"))
                .toDMatrix(TrainingLabels.read(train, "y", hp, "train", "train"));
        CountDownLatch running = new CountDownLatch(3);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread job = new Thread(() -> {
            try {
                Boosting.train(dTrain, null, hp, event -> running.countDown());
            } catch (Throwable e) {
                thrown.set(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        job.setDaemon(true);
        job.start();
        assertTrue(running.await(60, TimeUnit.SECONDS), "three rounds ran");
        long t0 = System.nanoTime();
        job.interrupt();
        job.join(10_000);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(job.isAlive(), "training ended");
        assertTrue(millis < 1_000, "it ended within a second of the interrupt: " + millis + " ms");
        CancellationException e = assertInstanceOf(CancellationException.class, thrown.get());
        assertTrue(e.getMessage().startsWith("training interrupted after "), e.getMessage());
        assertTrue(e.getMessage().contains("of num_round=1000000 rounds"), e.getMessage());
        assertEquals(Boolean.TRUE, flagAfter.get(), "the interrupt flag stays set for the caller's own loops");
        dTrain.dispose();
    }
}
