package dev.holdout.data;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The tokens that mean "missing", compared on a cell's bytes after ASCII spaces and tabs around it are
 * trimmed (so a blank cell is missing too). One instance per reader; every verb uses
 * {@link CsvLoader#DEFAULT_MISSING} unless a caller passes its own set.
 */
final class MissingTokens {
    private final byte[][] tokens;
    private final int longest;
    private final Set<String> set;
    /** Whether a value may be missing, by its first byte: a blank or a token's first byte (most values are ruled out here). */
    private final boolean[] mayStart = new boolean[256];

    private MissingTokens(Set<String> set) {
        this.set = Set.copyOf(set);
        List<String> list = List.copyOf(this.set);
        tokens = new byte[list.size()][];
        int max = 0;
        for (int i = 0; i < tokens.length; i++) {
            String t = list.get(i).strip();
            tokens[i] = t.getBytes(StandardCharsets.UTF_8);
            max = Math.max(max, tokens[i].length);
        }
        longest = max;
        mayStart[' '] = true;
        mayStart['\t'] = true;
        for (byte[] t : tokens) if (t.length > 0) mayStart[t[0] & 0xFF] = true;
    }

    /** The default tokens ({@link CsvLoader#DEFAULT_MISSING}); defined here so that a reader does not load the table loader. */
    static final Set<String> DEFAULT_SET = Set.of("", "NA", "N/A", "NaN", "null", "NULL");

    static final MissingTokens DEFAULT = new MissingTokens(DEFAULT_SET);

    static MissingTokens of(Set<String> tokens) {
        return tokens.equals(DEFAULT.set) ? DEFAULT : new MissingTokens(tokens);
    }

    /** Whether {@code b[from, to)}, blanks around it trimmed, is empty or one of the tokens. */
    boolean test(byte[] b, int from, int to) {
        if (from == to) return true;
        if (!mayStart[b[from] & 0xFF]) return false;
        while (from < to && Cells.isBlank(b[from])) from++;
        while (to > from && Cells.isBlank(b[to - 1])) to--;
        int n = to - from;
        if (n == 0) return true;
        if (n > longest) return false;
        outer:
        for (byte[] t : tokens) {
            if (t.length != n) continue;
            for (int i = 0; i < n; i++) if (t[i] != b[from + i]) continue outer;
            return true;
        }
        return false;
    }
}
