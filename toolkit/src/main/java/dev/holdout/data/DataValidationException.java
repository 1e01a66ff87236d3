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
    private final String problem;

    public DataValidationException(String message) {
        this(message, null, -1, null, null);
    }

    public DataValidationException(String message, String file, long line, String column, String value) {
        this(message, file, line, column, value, null);
    }

    private DataValidationException(String message, String file, long line, String column, String value, String problem) {
        super(message);
        this.file = file;
        this.line = line;
        this.column = column;
        this.value = value;
        this.problem = problem;
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
        return new DataValidationException(sb.toString(), file, line, column, value, problem);
    }

    /**
     * An error about a data row of an in-memory table: {@code table 't', row 5, column 'c': problem}.
     * {@link #row()} is the 1-based data row, so a caller that read the table from a file can
     * re-locate the error with {@link #relocate(String, long)}.
     */
    public static DataValidationException atRow(String table, long row, String column, String value, String problem) {
        String msg = "table '" + table + "', row " + row + (column != null ? ", column '" + column + "'" : "") + ": " + problem;
        return new DataValidationException(msg, table, row, column, value, problem);
    }

    /** The same problem, located at {@code file:line} instead. */
    public DataValidationException relocate(String newFile, long newLine) {
        return at(newFile, newLine, column, value, problem == null ? getMessage() : problem);
    }

    /** The problem without its location prefix, or null when the error was not built with a location. */
    public String problem() { return problem; }

    /** The file the bad value came from, or null. */
    public String file() { return file; }

    /** The 1-based line (or row) of the bad value, or -1 when the error is not about a row. */
    public long row() { return line; }

    /** The column, or null. */
    public String column() { return column; }

    /** The offending value as text, or null. */
    public String value() { return value; }
}
