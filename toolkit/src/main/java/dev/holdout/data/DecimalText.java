package dev.holdout.data;

import java.math.BigDecimal;

/**
 * Text that is a decimal number, read exactly: an optional sign, digits with an optional fraction,
 * an optional exponent ({@code 7}, {@code -0.5}, {@code 1e3}, {@code .25}, {@code 1.}). Anything else
 * ({@code NaN}, {@code Infinity}, hex, {@code 1d}, {@code 1,5}, a blank) is not a number here, unlike
 * {@link Double#parseDouble}, which accepts several of those. Used wherever text may hold a number
 * whose exact value matters: a label ({@code "1"} and {@code "1.0"} are one class), a seed above 2^53,
 * a hyperparameter written as a string.
 *
 * <pre>{@code
 * DecimalText.parse("1.0");                    // 1.0 (BigDecimal); compareTo(ONE) == 0
 * DecimalText.parse("99999999999999999999");   // exact, no rounding
 * DecimalText.parse("NaN");                    // null
 * }</pre>
 */
public final class DecimalText {
    private DecimalText() {}

    /** The longest text taken for a number: longer is text (a hash, an id), never a huge exponent to expand. */
    static final int MAX_LENGTH = 400;

    /** The exact value of {@code text} (surrounding spaces and tabs ignored), or null when it is not a decimal number. */
    public static BigDecimal parse(String text) {
        if (text == null) return null;
        int from = 0, to = text.length();
        while (from < to && isBlank(text.charAt(from))) from++;
        while (to > from && isBlank(text.charAt(to - 1))) to--;
        if (from == to || to - from > MAX_LENGTH || !grammar(text, from, to)) return null;
        try {
            return new BigDecimal(text.substring(from, to));
        } catch (NumberFormatException e) {
            return null;   // an exponent beyond BigDecimal's range: not a number we can hold
        }
    }

    /** Whether {@code text} is a decimal number (see {@link #parse}). */
    public static boolean isNumber(String text) {
        return parse(text) != null;
    }

    private static boolean isBlank(char c) { return c == ' ' || c == '\t'; }

    /** sign? (digits (. digits?)? | . digits) ([eE] sign? digits)? */
    private static boolean grammar(String s, int i, int to) {
        if (s.charAt(i) == '+' || s.charAt(i) == '-') i++;
        int digits = 0;
        while (i < to && isDigit(s.charAt(i))) { i++; digits++; }
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(s.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exp = 0;
            while (i < to && isDigit(s.charAt(i))) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == to;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
