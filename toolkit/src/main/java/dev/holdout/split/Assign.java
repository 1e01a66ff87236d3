package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;

/** Primitive-array building blocks shared by the splitters. */
final class Assign {
    private Assign() {}

    static final byte TRAIN = 0, VALIDATION = 1, TEST = 2, DROPPED = 3;

    /** Builds a split from one part code per row; parts come out ascending without sorting. */
    static Split fromCodes(byte[] part, SplitProvenance provenance) {
        int[] counts = new int[4];
        for (byte p : part) counts[p]++;
        int[][] rows = {new int[counts[0]], new int[counts[1]], new int[counts[2]]};
        int[] fill = new int[3];
        for (int i = 0; i < part.length; i++) {
            byte p = part[i];
            if (p != DROPPED) rows[p][fill[p]++] = i;
        }
        return new Split(RowIndices.adoptSorted(rows[0]), RowIndices.adoptSorted(rows[1]), RowIndices.adoptSorted(rows[2]), provenance);
    }

    /** Rows grouped by code: {@code members[offsets[c] .. offsets[c+1])} are the rows of code c, ascending. */
    static int[][] groupRows(int[] codes, int k) {
        int[] offsets = new int[k + 1];
        for (int c : codes) offsets[c + 1]++;
        for (int c = 0; c < k; c++) offsets[c + 1] += offsets[c];
        int[] members = new int[codes.length];
        int[] fill = offsets.clone();
        for (int i = 0; i < codes.length; i++) members[fill[codes[i]]++] = i;
        return new int[][] {members, offsets};
    }

    /**
     * Controlled rounding: splits each class count {@code c[k]} over parts with totals {@code sizes[j]}
     * (summing to the total of {@code c}) so that every cell is the floor or the ceiling of its exact
     * share {@code c[k]·sizes[j]/n} and rows and columns still sum exactly. Always possible (it is an
     * integral flow); ties are broken in a seeded random class order.
     */
    static int[][] proportional(int[] c, int[] sizes, SeededRandom rng) {
        int k = c.length, parts = sizes.length;
        long n = 0;
        for (int x : c) n += x;
        int[][] cell = new int[k][parts];
        boolean[][] fractional = new boolean[k][parts];
        int[] rowUps = new int[k];
        int[] colUps = sizes.clone();
        for (int i = 0; i < k; i++) {
            int sum = 0;
            for (int j = 0; j < parts; j++) {
                long num = (long) c[i] * sizes[j];
                cell[i][j] = (int) (num / n);
                fractional[i][j] = num % n != 0;
                sum += cell[i][j];
                colUps[j] -= cell[i][j];
            }
            rowUps[i] = c[i] - sum;
        }
        boolean[][] up = new boolean[k][parts];
        int[] order = new int[k];
        for (int i = 0; i < k; i++) order[i] = i;
        rng.shuffle(order);
        // Greedy pass: most units find a part with room directly.
        for (int i : order) {
            for (int u = 0; u < rowUps[i]; u++) {
                int best = -1;
                for (int j = 0; j < parts; j++) {
                    if (fractional[i][j] && !up[i][j] && colUps[j] > 0 && (best < 0 || colUps[j] > colUps[best])) best = j;
                }
                if (best >= 0) {
                    up[i][best] = true;
                    colUps[best]--;
                    rowUps[i]--;
                    u--;
                }
                if (best < 0) break;
            }
        }
        // Augmenting paths for the rest: class -> full part -> another class moves its unit -> part with room.
        for (int i : order) {
            while (rowUps[i] > 0) {
                if (!augment(i, up, fractional, colUps, parts, k)) {
                    throw new IllegalStateException("controlled rounding failed; please report this with the class counts");
                }
                rowUps[i]--;
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < parts; j++) if (up[i][j]) cell[i][j]++;
        }
        return cell;
    }

    private static boolean augment(int start, boolean[][] up, boolean[][] fractional, int[] colUps, int parts, int k) {
        // BFS over parts. prevPart/prevClass record how each part was reached.
        int[] prevPart = new int[parts];
        int[] viaClass = new int[parts];
        java.util.Arrays.fill(prevPart, -2);
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        for (int j = 0; j < parts; j++) {
            if (fractional[start][j] && !up[start][j]) {
                prevPart[j] = -1;
                viaClass[j] = start;
                queue.add(j);
            }
        }
        while (!queue.isEmpty()) {
            int j = queue.poll();
            if (colUps[j] > 0) {
                // Unwind: the class that reached j takes a unit on j, giving up its unit on the previous part.
                int cur = j;
                while (cur >= 0) {
                    int cls = viaClass[cur];
                    int from = prevPart[cur];
                    up[cls][cur] = true;
                    if (from >= 0) up[cls][from] = false;
                    cur = from;
                }
                colUps[j]--;
                return true;
            }
            for (int cls = 0; cls < k; cls++) {
                if (!up[cls][j]) continue;
                for (int j2 = 0; j2 < parts; j2++) {
                    if (prevPart[j2] == -2 && fractional[cls][j2] && !up[cls][j2]) {
                        prevPart[j2] = j;
                        viaClass[j2] = cls;
                        queue.add(j2);
                    }
                }
            }
        }
        return false;
    }

    static void requireFolds(int k) {
        if (k < 2) {
            throw DataValidationException.param("folds", k, "cross-validation needs at least 2 folds", "pass --folds 2 or more (5 is common)");
        }
    }
}
