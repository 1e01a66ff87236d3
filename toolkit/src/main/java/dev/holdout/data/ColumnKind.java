package dev.holdout.data;

/**
 * The type of a column as Holdout reads it. Inferred from the values, or declared in a {@link Schema}.
 *
 * <ul>
 *   <li>{@code INTEGER}: whole numbers (Tablesaw {@code IntColumn}, or {@code LongColumn} when a value exceeds int);
 *   <li>{@code NUMBER}: any number ({@code DoubleColumn});
 *   <li>{@code DATE}: ISO {@code yyyy-MM-dd} ({@code DateColumn});
 *   <li>{@code DATETIME}: ISO {@code yyyy-MM-ddTHH:mm[:ss[.f]]} or with a space ({@code DateTimeColumn});
 *   <li>{@code TEXT}: anything else ({@code StringColumn}).
 * </ul>
 */
public enum ColumnKind {
    INTEGER, NUMBER, DATE, DATETIME, TEXT;

    public boolean isNumeric() { return this == INTEGER || this == NUMBER; }

    public boolean isTime() { return this == DATE || this == DATETIME; }
}
