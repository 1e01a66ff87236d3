package dev.holdout.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The metrics see labels only through the one coding: renaming classes or reordering rows changes no metric. */
class LabelCodingPropertiesTest {
    private static final List<String> NAMES = List.of("cat", "dog2", "10x", "ant", "Ému");

    private static ClassificationReport report(String[] t, String[] p) {
        return ClassificationReport.of(t, p, null, null, ClassificationOptions.defaults().withAverage(Average.MACRO));
    }

    @Property(tries = 200)
    void renamingTheClassesChangesNoMetric(@ForAll @Size(min = 2, max = 60) List<@IntRange(min = 0, max = 3) Integer> truth,
                                           @ForAll @Size(min = 2, max = 60) List<@IntRange(min = 0, max = 3) Integer> predicted,
                                           @ForAll Random random) {
        int n = Math.min(truth.size(), predicted.size());
        List<String> rename = new ArrayList<>(NAMES);
        Collections.shuffle(rename, random);
        String[] t = new String[n], p = new String[n], t2 = new String[n], p2 = new String[n];
        for (int i = 0; i < n; i++) {
            t[i] = NAMES.get(truth.get(i));
            p[i] = NAMES.get(predicted.get(i));
            t2[i] = rename.get(truth.get(i));
            p2[i] = rename.get(predicted.get(i));
        }
        ClassificationReport a = report(t, p), b = report(t2, p2);
        assertEquals(a.accuracy(), b.accuracy());
        assertEquals(a.balancedAccuracy(), b.balancedAccuracy(), 1e-12);
        assertEquals(a.mcc(), b.mcc(), 1e-12);
        assertEquals(a.f1(), b.f1(), 1e-12);
        assertEquals(a.precision(), b.precision(), 1e-12);
        assertEquals(a.recall(), b.recall(), 1e-12);
    }

    @Property(tries = 200)
    void reorderingTheRowsChangesNoMetric(@ForAll @Size(min = 2, max = 60) List<@IntRange(min = 0, max = 4) Integer> truth,
                                          @ForAll Random random) {
        int n = truth.size();
        String[] t = new String[n], p = new String[n];
        for (int i = 0; i < n; i++) {
            t[i] = NAMES.get(truth.get(i));
            p[i] = NAMES.get((truth.get(i) + (i % 3 == 0 ? 1 : 0)) % NAMES.size());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        Collections.shuffle(order, random);
        String[] ts = new String[n], ps = new String[n];
        for (int i = 0; i < n; i++) {
            ts[i] = t[order.get(i)];
            ps[i] = p[order.get(i)];
        }
        ClassificationReport a = report(t, p), b = report(ts, ps);
        assertEquals(a.labels(), b.labels(), "the label order comes from the values, not the rows");
        assertEquals(a.confusionMatrix(), b.confusionMatrix());
        assertEquals(a.f1(), b.f1(), 1e-12);
        assertEquals(a.mcc(), b.mcc(), 1e-12);
    }

    @Property(tries = 100)
    void onePointZeroIsOne(@ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 1) Integer> truth) {
        int n = truth.size();
        String[] t = new String[n], tDecimal = new String[n], p = new String[n];
        for (int i = 0; i < n; i++) {
            t[i] = Integer.toString(truth.get(i));
            tDecimal[i] = truth.get(i) + ".0";
            p[i] = Integer.toString(1 - truth.get(i) * (i % 2));
        }
        ClassificationReport a = ClassificationReport.of(t, p, null, null, null), b = ClassificationReport.of(tDecimal, p, null, null, null);
        assertEquals(a.labels(), b.labels());
        assertEquals(a.positive(), b.positive());
        assertEquals(a.f1(), b.f1());
        assertEquals(a.confusionMatrix(), b.confusionMatrix());
    }
}
