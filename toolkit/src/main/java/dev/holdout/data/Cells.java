package dev.holdout.data;

import java.nio.charset.StandardCharsets;

/**
 * The one set of rules for what a CSV cell's bytes mean, shared by every reader (the table loader,
 * the streaming batches, the column reader of {@code holdout metrics}).
 *
 * <ul>
 *   <li>A <b>number</b> is a plain decimal: an optional sign, digits with an optional fraction, an
 *       optional exponent ({@code 12}, {@code -0.5}, {@code .5}, {@code 5.}, {@code 1e-3}); ASCII spaces
 *       and tabs around it are ignored. Not numbers: {@code inf}, {@code Infinity}, hexadecimal,
 *       {@code 1,5}, {@code 12abc}, {@code 1d}. A decimal that overflows a double ({@code 1e400}) is
 *       number-shaped but not finite, and is refused where a number is needed.
 *   <li>A <b>whole number</b> (INTEGER) is an optional sign and 1 to 18 digits.
 * </ul>
 *
 * <p>Numbers are parsed straight from the bytes: up to 18 significant digits with a decimal exponent
 * within ±22 take Clinger's exact fast path (one correctly rounded multiplication or division of two
 * exactly representable doubles); everything else goes to {@link Double#parseDouble} after the grammar
 * above has been checked, so both give the same double bit for bit.
 */
final class Cells {
    private Cells() {}

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** Sentinel of {@link #parseLong}: not a whole number of at most 18 digits. */
    static final long NOT_INTEGER = Long.MIN_VALUE;

    static boolean isBlank(byte c) { return c == ' ' || c == '\t'; }

    /**
     * The decimal in {@code b[from, to)}: its value; NaN when the bytes are not a decimal number;
     * ±Infinity when they are one that overflows a double.
     */
    static double parseNumber(byte[] b, int from, int to) {
        while (from < to && isBlank(b[from])) from++;
        while (to > from && isBlank(b[to - 1])) to--;
        if (from == to) return Double.NaN;
        int i = from;
        boolean neg = false;
        if (b[i] == '-') {
            neg = true;
            i++;
        } else if (b[i] == '+') {
            i++;
        }
        // Every digit goes into mant (leading zeros add nothing); past 18 digits mant may overflow, and the
        // exact fast path below is not taken then.
        long mant = 0;
        int start = i, exp = 0;
        while (i < to) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) break;
            mant = mant * 10 + d;
            i++;
        }
        int intDigits = i - start;
        int fracDigits = 0;
        if (i < to && b[i] == '.') {
            int f = ++i;
            while (i < to) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) break;
                mant = mant * 10 + d;
                i++;
            }
            fracDigits = i - f;
            exp = -fracDigits;
        }
        int digits = intDigits + fracDigits;
        if (digits == 0) return Double.NaN;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                eneg = b[i] == '-';
                i++;
            }
            int e = 0;
            boolean eany = false;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (e < 100_000) e = e * 10 + (b[i] - '0');
                eany = true;
                i++;
            }
            if (!eany) return Double.NaN;
            exp += eneg ? -e : e;
        }
        if (i != to) return Double.NaN;
        if (digits <= 18) {
            if (mant == 0) return neg ? -0.0 : 0.0;
            if (mant < (1L << 53) && exp >= -22 && exp <= 22) {
                double v = exp < 0 ? mant / POW10[-exp] : mant * POW10[exp];
                return neg ? -v : v;
            }
        }
        // The grammar is checked, so parseDouble cannot fail; it may overflow to infinity.
        return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** The whole number (optional sign, 1-18 digits, blanks around ignored) in {@code b[from, to)}, or {@link #NOT_INTEGER}. */
    static long parseLong(byte[] b, int from, int to) {
        while (from < to && isBlank(b[from])) from++;
        while (to > from && isBlank(b[to - 1])) to--;
        int i = from;
        boolean neg = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        int n = to - i;
        if (n < 1 || n > 18) return NOT_INTEGER;
        long x = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return NOT_INTEGER;
            x = x * 10 + d;
        }
        return neg ? -x : x;
    }

    /** The bytes as text (they were checked to be UTF-8 by the scanner). */
    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** A value as a message shows it: at most 80 characters, longer ones cut with their length said. */
    static String shown(String v) {
        if (v == null) return "";
        if (v.length() <= 80) return v;
        return v.substring(0, 60) + "... (" + v.length() + " characters)";
    }

    /** The first bytes of a value as hex, for bytes that cannot be shown as text. */
    static String hex(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(to, from + 8); i++) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(String.format("0x%02X", b[i] & 0xFF));
        }
        return sb.toString();
    }
}
