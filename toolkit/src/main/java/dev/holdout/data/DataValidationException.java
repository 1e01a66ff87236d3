package dev.holdout.data;

/**
 * The one exception for bad input: a parameter, a file, a row or a column that breaks a rule.
 *
 * <p>Messages follow the scikit-learn style: {@code param=value}, the rule, and the fix. For data
 * the message names the file, the 1-based line and the column.
 *
 * <p>This is also the one place where long values are cut for people to read: a value longer than
 * {@value #SHOWN_CHARS} characters appears in the message as its head and its length (a 10 MB CSV field
 * is not echoed to the terminal), and a whole message longer than {@value #MESSAGE_CHARS} characters keeps
 * its beginning and its end (the location and the fix). {@link #value()} keeps the value itself.
 *
 * <pre>{@code
 * throw DataValidationException.param("testSize", 1.5, "must be in (0, 1)", "pass a fraction such as 0.2");
 * // -> "testSize=1.5: must be in (0, 1); pass a fraction such as 0.2"
 * }</pre>
 */
public class DataValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Values longer than this are shown cut: {@code xxxx… (10000000 chars)}. */
    public static final int SHOWN_CHARS = 80;
    /** Messages longer than this keep their first and last part. */
    public static final int MESSAGE_CHARS = 1_000;

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
        super(readable(message, value));
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
        return new DataValidationException(sb.toString(), file, line, column, value, problem == null ? null : readable(problem, value));
    }

    /**
     * An error about a data row of an in-memory table: {@code table 't', row 5, column 'c': problem}.
     * {@link #row()} is the 1-based data row, so a caller that read the table from a file can
     * re-locate the error with {@link #relocate(String, long)}.
     */
    public static DataValidationException atRow(String table, long row, String column, String value, String problem) {
        String msg = "table '" + table + "', row " + row + (column != null ? ", column '" + column + "'" : "") + ": " + problem;
        return new DataValidationException(msg, table, row, column, value, problem == null ? null : readable(problem, value));
    }

    /** The same problem, located at {@code file:line} instead. */
    public DataValidationException relocate(String newFile, long newLine) {
        return at(newFile, newLine, column, value, problem == null ? getMessage() : problem);
    }

    /**
     * A value as a message shows it: itself when short, else its first {@value #SHOWN_CHARS} characters and its
     * length.
     *
     * <pre>{@code
     * DataValidationException.shown("abc");                      // "abc"
     * DataValidationException.shown("x".repeat(10_000_000));   // 80 x's, then "… (10000000 chars)"
     * }</pre>
     */
    public static String shown(String value) {
        if (value == null || value.length() <= SHOWN_CHARS) return value;
        int end = SHOWN_CHARS;
        if (Character.isHighSurrogate(value.charAt(end - 1))) end--;   // never split a character in two
        return value.substring(0, end) + "… (" + value.length() + " chars)";
    }

    /**
     * {@code message} with every occurrence of a long {@code value} {@linkplain #shown shown cut}, and, if it is
     * still longer than {@value #MESSAGE_CHARS} characters, its middle left out. Public so that the command line
     * cuts other messages (a library's, a file system's) the same way.
     */
    public static String readable(String message, String value) {
        if (message == null) return null;
        String m = value != null && value.length() > SHOWN_CHARS ? message.replace(value, shown(value)) : message;
        if (m.length() <= MESSAGE_CHARS) return m;
        m = cutLongWords(m);
        if (m.length() <= MESSAGE_CHARS) return m;
        int head = MESSAGE_CHARS * 2 / 3, tail = MESSAGE_CHARS / 4;
        if (Character.isHighSurrogate(m.charAt(head - 1))) head--;
        if (Character.isLowSurrogate(m.charAt(m.length() - tail))) tail--;
        return m.substring(0, head) + " … (" + (m.length() - head - tail) + " chars left out) … " + m.substring(m.length() - tail);
    }

    /** Every run of over {@code 2 * SHOWN_CHARS} characters without a space (a value echoed by a library) shown cut. */
    private static String cutLongWords(String m) {
        StringBuilder sb = null;
        int start = 0, n = m.length();
        for (int i = 0; i <= n; i++) {
            if (i < n && !Character.isWhitespace(m.charAt(i))) continue;
            if (i - start > 2 * SHOWN_CHARS) {
                if (sb == null) sb = new StringBuilder(m.substring(0, start));
                sb.append(shown(m.substring(start, i)));
            } else if (sb != null) {
                sb.append(m, start, i);
            }
            if (sb != null && i < n) sb.append(m.charAt(i));
            start = i + 1;
        }
        return sb == null ? m : sb.toString();
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
