package dev.holdout.data;

/**
 * The one exception for bad input: a parameter, a file, a row or a column that breaks a rule.
 *
 * <p>Messages follow the scikit-learn style: {@code param=value}, the rule, and the fix. For data
 * the message names the file, the 1-based line and the column.
 *
 * <pre>{@code
 * throw DataValidationException.param("testSize", 1.5, "must be in (0, 1)", "pass a fraction such as 0.2");
 * // -> "testSize=1.5: must be in (0, 1); pass a fraction such as 0.2"
 * }</pre>
 */
public class DataValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String column;
    private final String value;

    public DataValidationException(String message) {
        this(message, null, -1, null, null);
    }

    public DataValidationException(String message, String file, long line, String column, String value) {
        super(message);
        this.file = file;
        this.line = line;
        this.column = column;
        this.value = value;
    }

    /** {@code name=value: rule; fix}. */
    public static DataValidationException param(String name, Object value, String rule, String fix) {
        String msg = name + "=" + value + ": " + rule + (fix == null || fix.isEmpty() ? "" : "; " + fix);
        return new DataValidationException(msg, null, -1, null, String.valueOf(value));
    }

    /** An error located in a data file: {@code file:line, column 'c': problem}. */
    public static DataValidationException at(String file, long line, String column, String value, String problem) {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(file);
        if (line > 0) sb.append(sb.length() > 0 ? ":" : "line ").append(line);
        if (column != null) sb.append(sb.length() > 0 ? ", " : "").append("column '").append(column).append('\'');
        if (sb.length() > 0) sb.append(": ");
        sb.append(problem);
        return new DataValidationException(sb.toString(), file, line, column, value);
    }

    /** The file the bad value came from, or null. */
    public String file() { return file; }

    /** The 1-based line (or row) of the bad value, or -1 when the error is not about a row. */
    public long row() { return line; }

    /** The column, or null. */
    public String column() { return column; }

    /** The offending value as text, or null. */
    public String value() { return value; }
}
