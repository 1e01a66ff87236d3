package dev.holdout.featurestore;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Cells of the CSV files the feature store writes: text quoted when it must be (RFC 4180), numbers as the shortest
 * decimal that reads back as the same double — the same bytes on every JDK (Java 17's {@code Double.toString}
 * sometimes gives more digits than Java 19 and later, so only its answers of at most 15 digits, which are unique,
 * are used as they are).
 */
final class CsvCells {
    private CsvCells() {}

    static void text(StringBuilder out, String s, char delimiter) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote && !s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1)))) quote = true;
        if (!quote) {
            out.append(s);
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') out.append('"');
            out.append(c);
        }
        out.append('"');
    }

    static String number(double v) {
        String s = Double.toString(v);
        if (significantDigits(s) <= 15) return s;
        for (int p = 16; p <= 17; p++) {
            BigDecimal bd = new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (bd.doubleValue() == v) return bd.stripTrailingZeros().toString();
        }
        return new BigDecimal(v).round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros().toString();
    }

    private static int significantDigits(String s) {
        int n = 0, zeros = 0;
        boolean started = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'E') break;
            if (c < '0' || c > '9') continue;
            if (c == '0' && !started) continue;
            started = true;
            if (c == '0') zeros++;
            else {
                n += zeros + 1;
                zeros = 0;
            }
        }
        return n;
    }
}
