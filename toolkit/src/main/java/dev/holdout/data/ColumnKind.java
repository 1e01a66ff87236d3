package dev.holdout.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The type of a column as Holdout reads it. Inferred from the values, or declared in a {@link Schema}
 * ({@code Schema.withType}) or on the command line ({@code --types col=TEXT,when=INSTANT}).
 *
 * <ul>
 *   <li>{@code INTEGER}: whole numbers of at most 18 digits (Tablesaw {@code IntColumn}, or {@code LongColumn}
 *       when a value does not fit an int);
 *   <li>{@code NUMBER}: finite decimal numbers ({@code DoubleColumn}); {@code DOUBLE} is accepted as its name too;
 *   <li>{@code DATE}: ISO {@code yyyy-MM-dd} ({@code DateColumn});
 *   <li>{@code DATETIME}: a local ISO date-time {@code yyyy-MM-ddTHH:mm[:ss[.f]]}, or with a space for the
 *       {@code T} ({@code DateTimeColumn}); a date alone is midnight;
 *   <li>{@code INSTANT}: a date-time with a zone, {@code Z} or an offset ({@code 2023-01-01T00:00:00Z},
 *       {@code 2023-01-01 09:00:00+09:00}, as pandas writes them): the instant, in UTC ({@code InstantColumn});
 *   <li>{@code TEXT}: anything else ({@code StringColumn}).
 * </ul>
 *
 * <pre>{@code
 * ColumnKind.parse("double", "--types");   // NUMBER
 * ColumnKind.INSTANT.isTime();             // true
 * }</pre>
 */
public enum ColumnKind {
    INTEGER, NUMBER, DATE, DATETIME, INSTANT, TEXT;

    public boolean isNumeric() { return this == INTEGER || this == NUMBER; }

    public boolean isTime() { return this == DATE || this == DATETIME || this == INSTANT; }

    /** Reads a kind by name, ignoring case ({@code DOUBLE} and {@code FLOAT} mean NUMBER, {@code STRING} TEXT). */
    public static ColumnKind parse(String name, String param) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        switch (n) {
            case "DOUBLE", "FLOAT", "NUMERIC" -> { return NUMBER; }
            case "INT", "LONG" -> { return INTEGER; }
            case "STRING" -> { return TEXT; }
            case "TIMESTAMP" -> { return DATETIME; }
            default -> { }
        }
        for (ColumnKind k : values()) if (k.name().equals(n)) return k;
        List<String> names = new ArrayList<>();
        for (ColumnKind k : values()) names.add(k.name());
        String close = Columns.closest(n, names);
        throw DataValidationException.param(param, name, "not a column type",
                (close != null ? "did you mean " + close + "? " : "") + "types are " + String.join(", ", names) + " (DOUBLE = NUMBER)");
    }
}
