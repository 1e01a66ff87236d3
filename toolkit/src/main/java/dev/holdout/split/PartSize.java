package dev.holdout.split;

import dev.holdout.data.DataValidationException;

/**
 * The size of a part: a fraction of the rows (or groups) in (0, 1), or a count of at least 1.
 * Fractions round as scikit-learn does: {@code ceil(fraction * n)} for test and validation.
 *
 * <pre>{@code
 * PartSize.parse("0.25").resolve(10, "testSize");   // 3
 * PartSize.parse("4").resolve(10, "testSize");      // 4
 * }</pre>
 */
public record PartSize(double fraction, int count) {
    public PartSize {
        if (count < 0 && !(fraction > 0 && fraction < 1)) {
            throw DataValidationException.param("size", fraction, "a fraction must be in the open interval (0, 1)",
                    "pass e.g. 0.2, or a row count of 1 or more");
        }
        if (count == 0) {
            throw DataValidationException.param("size", 0, "a count must be at least 1", "pass a positive count or a fraction in (0, 1)");
        }
    }

    public static PartSize fraction(double f) { return fraction(f, "size"); }

    /** As {@link #fraction(double)}, naming the parameter in errors. */
    public static PartSize fraction(double f, String param) {
        if (!(f > 0 && f < 1)) {
            throw DataValidationException.param(param, f, "a fraction must be in the open interval (0, 1)",
                    "pass e.g. 0.2 (20%), or a row count of 1 or more");
        }
        return new PartSize(f, -1);
    }

    public static PartSize count(int c) { return count(c, "size"); }

    /** As {@link #count(int)}, naming the parameter in errors. */
    public static PartSize count(int c, String param) {
        if (c < 1) throw DataValidationException.param(param, c, "a count must be at least 1", "pass a positive count or a fraction in (0, 1)");
        return new PartSize(Double.NaN, c);
    }

    /** "0.2" is a fraction, "20" is a count; "1.0" and "0" are refused. */
    public static PartSize parse(String text) { return parse(text, "size"); }

    /** As {@link #parse(String)}, naming the parameter (e.g. {@code --test-size}) in errors. */
    public static PartSize parse(String text, String param) {
        String s = text.trim();
        try {
            if (s.matches("[0-9]+")) return count(Integer.parseInt(s), param);
            return fraction(Double.parseDouble(s), param);
        } catch (NumberFormatException e) {
            throw DataValidationException.param(param, text, "not a number", "pass a fraction such as 0.2 or a count such as 100");
        }
    }

    public boolean isFraction() { return count < 0; }

    /** The number of rows (or groups) out of {@code n}; {@code param} names the option in errors. */
    public int resolve(int n, String param) {
        if (isFraction()) return (int) Math.ceil(fraction * n);
        if (count >= n) {
            throw DataValidationException.param(param, count, "a count must be smaller than the number of rows (or groups), " + n,
                    "pass a smaller count or a fraction");
        }
        return count;
    }

    @Override public String toString() { return isFraction() ? Double.toString(fraction) : Integer.toString(count); }
}
