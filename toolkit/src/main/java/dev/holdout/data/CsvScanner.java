package dev.holdout.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one CSV tokenizer under every reader: it walks the bytes once, splits records and fields, and
 * enforces the file-level rules, so that the table loader, the streaming batches and the column reader
 * of {@code holdout metrics} agree byte for byte.
 *
 * <ul>
 *   <li>RFC 4180 quoting: a field that starts with {@code "} runs to the next lone {@code "}; {@code ""}
 *       inside is a quote; delimiters and line breaks inside are data. After the closing quote comes the
 *       delimiter, a line break or the end of the file, nothing else. A quote inside an unquoted field is
 *       an ordinary character.
 *   <li>Line breaks: LF, CRLF and a lone CR each end a record (and count as one line).
 *   <li>A UTF-8 byte-order mark at the start is skipped; bytes that are not UTF-8 are refused (file,
 *       line, column); so is a NUL byte.
 *   <li>Blank lines (no bytes at all) are skipped, before the header too; an empty file is refused.
 *   <li>The header: every column needs a name and no two names may be equal, compared ignoring case (a
 *       Tablesaw table cannot hold both {@code Age} and {@code age}).
 *   <li>Every record needs exactly one field per header column ("ragged row", named by its line).
 * </ul>
 *
 * It reads either a whole byte array (the table loader keeps the file's bytes to write parts back byte
 * for byte) or a stream through a buffer it refills and grows to hold the longest record.
 */
final class CsvScanner implements AutoCloseable {
    private static final int RECORD = 1, END = 0, MORE = -1;
    private static final int NO_PROBLEM = 0, NUL = 1, NOT_UTF8 = 2;

    final String source;
    final byte delim;
    private final long delim8;
    private final InputStream in;
    private final byte[] stopPlain = new byte[256];
    private final byte[] stopQuoted = new byte[256];

    byte[] buf;
    int pos;
    int lim;
    private boolean eof;
    /** File offset of buf[0], for messages. */
    private long consumed;
    private long line = 1;
    private boolean started;

    private boolean bom;
    private List<String> header;
    private int headerStart = -1, headerEnd = -1;
    private String separator = "\n";
    private int width;
    private int[] projection;
    private boolean skipBadRows;
    private boolean full;

    // the record just tokenized
    private int recStart, recEnd, fields;
    private long recLine;
    private int problem, problemField;
    private long problemLine, problemOffset;

    /** Scans a whole array (the table loader). */
    CsvScanner(String source, byte[] bytes, char delimiter) {
        this(source, (InputStream) null, delimiter, 0);
        buf = bytes;
        lim = bytes.length;
        eof = true;
    }

    /** Scans a stream through a refilled buffer. */
    CsvScanner(String source, InputStream in, char delimiter) { this(source, in, delimiter, 1 << 20); }

    /** With a first buffer of {@code bufferSize} bytes (it grows to hold the longest record); tests use tiny ones. */
    CsvScanner(String source, InputStream in, char delimiter, int bufferSize) {
        this.source = source;
        this.in = in;
        this.delim = checkDelimiter(delimiter);
        for (byte[] t : new byte[][] {stopPlain, stopQuoted}) {
            t['\n'] = 1;
            t['\r'] = 1;
            t[0] = 1;
            for (int i = 0x80; i < 0x100; i++) t[i] = 1;
        }
        stopPlain[delim & 0xFF] = 1;
        delim8 = (delim & 0xFFL) * ONES;
        stopQuoted['"'] = 1;
        if (in != null) buf = new byte[Math.max(4, bufferSize)];
    }

    static byte checkDelimiter(char d) {
        if (d == '"' || d == '\n' || d == '\r' || d == 0 || d > 0x7F) {
            throw DataValidationException.param("delimiter", d == '\t' ? "\\t" : "'" + d + "'",
                    "must be a single ASCII character other than a quote or a line break", "use ',' or '\\t'");
        }
        return (byte) d;
    }

    /** Reads the first bytes of a stream and skips a UTF-8 byte-order mark, once. */
    private void start() {
        if (started) return;
        started = true;
        if (in != null) readMore(); // at least 64 KiB or the whole stream
        if (lim - pos >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB && (buf[pos + 2] & 0xFF) == 0xBF) {
            pos += 3;
            bom = true;
        }
    }

    /** The column names (read once). */
    List<String> header() {
        if (header != null) return header;
        start();
        int cap = 256;
        while (true) {
            int[] s = new int[cap], e = new int[cap];
            byte[] f = new byte[cap];
            int r = record(s, e, f, 0, cap, null);
            if (r == MORE) {
                readMore();
                continue;
            }
            if (r == END) {
                throw DataValidationException.at(source, 1, null, null, "the file is empty; expected a header line with column names");
            }
            if (fields > cap) {
                cap = fields;
                pos = recStart;
                line = recLine;
                continue;
            }
            List<String> names = new ArrayList<>(fields);
            for (int i = 0; i < fields; i++) {
                names.add(f[i] == RawBatch.ESCAPED ? RawBatch.unescape(buf, s[i], e[i]) : Cells.text(buf, s[i], e[i]));
            }
            if (problem != NO_PROBLEM) throw problem(names);
            checkHeader(names);
            if (in == null) {
                headerStart = recStart;
                headerEnd = recEnd;
            }
            if (recEnd < lim) {
                separator = buf[recEnd] == '\n' ? "\n" : recEnd + 1 < lim && buf[recEnd + 1] == '\n' ? "\r\n" : "\r";
            }
            header = List.copyOf(names);
            width = header.size();
            return header;
        }
    }

    private void checkHeader(List<String> names) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String h = names.get(i);
            if (h.isBlank()) {
                throw DataValidationException.at(source, recLine, null, h, "column " + (i + 1) + " of the header has no name; give every column a name");
            }
            Integer prev = seen.put(h.toLowerCase(Locale.ROOT), i);
            if (prev != null) {
                String other = names.get(prev);
                throw DataValidationException.at(source, recLine, h, h, other.equals(h)
                        ? "duplicate header name: columns " + (prev + 1) + " and " + (i + 1) + " are both named '" + h + "'; rename one of them"
                        : "duplicate header name: columns " + (prev + 1) + " and " + (i + 1) + " are named '" + other + "' and '" + h
                                + "', which differ only in case (column names are compared ignoring case); rename one of them");
            }
        }
    }

    boolean hasByteOrderMark() {
        header();
        return bom;
    }

    /** Where the header record lies in a whole array. */
    int headerStart() { return headerStart; }

    int headerEnd() { return headerEnd; }

    /** The header's line break: {@code "\n"}, {@code "\r\n"} or {@code "\r"} ({@code "\n"} when the file has one line). */
    String lineSeparator() {
        header();
        return separator;
    }

    /** Reads only these fields (0-based, ascending or not); the batch's column j is field fields[j]. */
    void project(int[] fields) {
        header();
        int[] p = new int[width];
        Arrays.fill(p, -1);
        for (int j = 0; j < fields.length; j++) p[fields[j]] = j;
        projection = p;
    }

    /** Leave rows that break a rule out of the batch (reported in {@link RawBatch#skipped}) instead of failing. */
    void skipBadRows(boolean skip) { this.skipBadRows = skip; }

    /**
     * Fills {@code batch} with up to its capacity of records (fewer when a stream's buffer is at its bound);
     * returns the rows, 0 at the end. The previous fill's offsets are invalid afterwards (a stream's
     * buffer is compacted).
     */
    int fill(RawBatch batch) { return fill(batch, false); }

    /**
     * As {@link #fill(RawBatch)}; with {@code keep}, the bytes of earlier fills stay where they are (one batch
     * of a reader made of several fills): nothing is compacted, the buffer grows up to {@link #MAX_BATCH_BUFFER},
     * and 0 rows with {@link #full()} true means it can hold no more now.
     */
    int fill(RawBatch batch, boolean keep) {
        header();
        batch.clear();
        full = false;
        if (!keep && in != null && pos > 0) compact();
        int want = Math.min(batch.capacity, batch.want);
        while (batch.rows < want) {
            int r = record(batch.start, batch.end, batch.flags, batch.rows * batch.width, width, projection);
            if (r == END) break;
            if (r == MORE) {
                if (batch.rows == 0 && !keep) {
                    readMore();
                    continue;
                }
                // rows before this one are in the buffer: grow it (up to a bound) rather than move them
                if (!growAndRead()) {
                    full = batch.rows == 0;
                    break;
                }
                continue;
            }
            if (problem != NO_PROBLEM || fields != width) {
                DataValidationException e = problem != NO_PROBLEM ? problem(header) : ragged();
                if (!skipBadRows) throw e;
                batch.skipped.add(e);
                continue;
            }
            int row = batch.rows++;
            batch.recordStart[row] = recStart;
            batch.recordEnd[row] = recEnd;
            batch.line[row] = recLine;
        }
        batch.buf = buf;
        return batch.rows;
    }

    /** Whether the last {@code fill(batch, true)} read nothing because the buffer cannot hold more without moving. */
    boolean full() { return full; }

    private DataValidationException ragged() {
        return DataValidationException.at(source, recLine, null, null,
                "ragged row: " + fields + " field" + (fields == 1 ? "" : "s") + ", but the header has " + width
                        + "; every row needs exactly one value per column (quote values that contain '" + (delim == '\t' ? "\\t" : String.valueOf((char) delim)) + "')");
    }

    private DataValidationException problem(List<String> names) {
        String column = problemField < names.size() ? names.get(problemField) : null;
        int at = (int) (problemOffset - consumed);
        if (problem == NUL) {
            return DataValidationException.at(source, problemLine, column, "\\0",
                    "a NUL byte (0x00) in the value" + (column == null ? " (field " + (problemField + 1) + ")" : "")
                            + "; a text file never holds one (is it binary, or saved as UTF-16?): save it as UTF-8 text or remove the NUL bytes");
        }
        String hex = Cells.hex(buf, at, Math.min(lim, at + 4));
        return DataValidationException.at(source, problemLine, column, hex,
                "bytes that are not UTF-8 (" + hex + " at byte offset " + problemOffset + ")" + (column == null ? " in field " + (problemField + 1) : "")
                        + "; save the file as UTF-8");
    }

    private void note(int kind, long ln, int field, int p) {
        if (problem != NO_PROBLEM) return;
        problem = kind;
        problemLine = ln;
        problemField = field;
        problemOffset = consumed + p;
    }

    /**
     * Tokenizes the record at {@link #pos}; field f is stored at {@code base + j} when {@code f < cap} and
     * (without a projection) j = f or (with one) j = projection[f] >= 0. Returns RECORD (pos is past the
     * record), END (no record is left) or MORE (a stream must read on; only blank lines were consumed).
     */
    private int record(int[] starts, int[] ends, byte[] flags, int base, int cap, int[] proj) {
        final byte[] b = buf;
        final int l = lim;
        final boolean atEof = eof;
        final byte d = delim;
        int p = pos;
        long ln = line;
        while (true) {
            if (p >= l) {
                pos = p;
                line = ln;
                return atEof ? END : MORE;
            }
            byte c = b[p];
            if (c == '\n') {
                p++;
                ln++;
            } else if (c == '\r') {
                if (p + 1 >= l && !atEof) {
                    pos = p;
                    line = ln;
                    return MORE;
                }
                p++;
                if (p < l && b[p] == '\n') p++;
                ln++;
            } else {
                break;
            }
        }
        pos = p;
        line = ln;
        recStart = p;
        recLine = ln;
        problem = NO_PROBLEM;
        int f = 0;
        while (true) {
            int s, e;
            byte flag;
            if (p < l && b[p] == '"') {
                flag = RawBatch.QUOTED;
                long quoteLine = ln;
                p++;
                s = p;
                while (true) {
                    p = skipQuoted(b, p, l);
                    if (p >= l) {
                        if (atEof) throw unterminated(quoteLine, f);
                        return MORE;
                    }
                    byte c = b[p];
                    if (c == '"') {
                        if (p + 1 < l && b[p + 1] == '"') {
                            flag = RawBatch.ESCAPED;
                            p += 2;
                            continue;
                        }
                        if (p + 1 >= l && !atEof) return MORE;
                        e = p;
                        p++;
                        break;
                    }
                    if (c == '\n') {
                        ln++;
                        p++;
                    } else if (c == '\r') {
                        if (p + 1 >= l && !atEof) return MORE;
                        ln++;
                        p++;
                        if (p < l && b[p] == '\n') p++;
                    } else if (c == 0) {
                        note(NUL, ln, f, p);
                        p++;
                    } else {
                        int n = utf8(b, p, l, atEof);
                        if (n == -2) return MORE;
                        if (n < 0) {
                            note(NOT_UTF8, ln, f, p);
                            p++;
                        } else {
                            p += n;
                        }
                    }
                }
                if (p < l) {
                    byte c = b[p];
                    if (c != d && c != '\n' && c != '\r') throw textAfterQuote(ln, f);
                }
            } else {
                flag = RawBatch.PLAIN;
                s = p;
                while (true) {
                    p = skipPlain(b, p, l);
                    if (p >= l) {
                        if (!atEof) return MORE;
                        break;
                    }
                    byte c = b[p];
                    if (c == 0) {
                        note(NUL, ln, f, p);
                        p++;
                    } else if (c < 0) {
                        int n = utf8(b, p, l, atEof);
                        if (n == -2) return MORE;
                        if (n < 0) {
                            note(NOT_UTF8, ln, f, p);
                            p++;
                        } else {
                            p += n;
                        }
                    } else {
                        break; // the delimiter or a line break
                    }
                }
                e = p;
            }
            if (f < cap) {
                int j = proj == null ? f : proj[f];
                if (j >= 0) {
                    starts[base + j] = s;
                    ends[base + j] = e;
                    flags[base + j] = flag;
                }
            }
            f++;
            if (p >= l) {
                recEnd = p;
                break;
            }
            byte c = b[p];
            if (c == d) {
                p++;
                continue;
            }
            recEnd = p;
            if (c == '\n') {
                p++;
            } else {
                if (p + 1 >= l && !atEof) return MORE;
                p++;
                if (p < l && b[p] == '\n') p++;
            }
            ln++;
            break;
        }
        fields = f;
        pos = p;
        line = ln;
        return RECORD;
    }

    // Eight bytes at a time (SWAR): a byte equal to c is found as a zero byte of v ^ c*ONES; the lowest flagged byte
    // is exact (the borrow of (x - ONES) only ever flags bytes above a true zero), which is the one we want. The
    // eight bytes are read through a little-endian ByteBuffer over the buffer (not a VarHandle, whose method-handle
    // forms are spun and compiled at start-up: a quarter of a second of JIT for a short run).
    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;
    private static final long LF8 = '\n' * ONES, CR8 = '\r' * ONES, QUOTE8 = '"' * ONES;

    private static long zeroBytes(long x) { return (x - ONES) & ~x; }

    /** The first position at or after p of a delimiter, line break, NUL or non-ASCII byte, or l. */
    private int skipPlain(byte[] b, int p, int l) { return skip(b, longs(b), p, l, stopPlain, delim8); }

    /** The first position at or after p of a quote, line break, NUL or non-ASCII byte, or l. */
    private int skipQuoted(byte[] b, int p, int l) { return skip(b, longs(b), p, l, stopQuoted, QUOTE8); }

    private java.nio.ByteBuffer longView;

    /** The little-endian view of {@code b} (made again when the buffer is replaced). */
    private java.nio.ByteBuffer longs(byte[] b) {
        java.nio.ByteBuffer v = longView;
        if (v == null || v.array() != b) longView = v = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return v;
    }

    /** The first byte from p on that is in {@code stop} (c8 is its one ASCII stop besides LF, CR, NUL and bytes >= 0x80), or l. */
    private static int skip(byte[] b, java.nio.ByteBuffer longs, int p, int l, byte[] stop, long c8) {
        // most fields are short: their first bytes one by one, then eight at a time
        for (int end = Math.min(l, p + 8); p < end; p++) if (stop[b[p] & 0xFF] != 0) return p;
        while (p + 8 <= l) {
            long v = longs.getLong(p);
            long t = (zeroBytes(v ^ c8) | zeroBytes(v ^ LF8) | zeroBytes(v ^ CR8) | zeroBytes(v) | v) & HIGHS;
            if (t != 0) return p + (Long.numberOfTrailingZeros(t) >>> 3);
            p += 8;
        }
        while (p < l && stop[b[p] & 0xFF] == 0) p++;
        return p;
    }

    /** The length of the UTF-8 sequence at p (2-4), -1 when it is not UTF-8, -2 when it runs past a stream's buffer. */
    static int utf8(byte[] b, int p, int l, boolean atEof) {
        int c = b[p] & 0xFF;
        int n;
        int lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F; // no UTF-16 surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return -1;
        }
        if (p + n > l) return atEof ? -1 : -2; // cut off by the end of the file, or of a stream's buffer
        int x = b[p + 1] & 0xFF;
        if (x < lo || x > hi) return -1;
        for (int i = 2; i < n; i++) {
            x = b[p + i] & 0xFF;
            if (x < 0x80 || x > 0xBF) return -1;
        }
        return n;
    }

    private DataValidationException unterminated(long quoteLine, int field) {
        return DataValidationException.at(source, quoteLine, columnName(field), null,
                "a quoted value starts here but its closing quote is missing; close it with \" (a quote inside a quoted value is written \"\")");
    }

    private DataValidationException textAfterQuote(long ln, int field) {
        return DataValidationException.at(source, ln, columnName(field), null,
                "unexpected text after a closing quote in field " + (field + 1) + "; a quoted value must be followed by '"
                        + (delim == '\t' ? "\\t" : String.valueOf((char) delim)) + "' or the end of the line (write a quote inside a quoted value as \"\")");
    }

    private String columnName(int field) {
        return header != null && field < header.size() ? header.get(field) : null;
    }

    /** Moves the unread bytes to the front of a stream's buffer. */
    private void compact() {
        int tail = lim - pos;
        System.arraycopy(buf, pos, buf, 0, tail);
        consumed += pos;
        pos = 0;
        lim = tail;
    }

    /** A stream's buffer grows to hold a whole batch up to this size; beyond it batches are cut shorter. */
    static final int MAX_BATCH_BUFFER = 16 << 20;

    /**
     * Reads more of a stream without moving the bytes in its buffer (a batch's offsets stay valid), doubling a
     * full buffer up to {@link #MAX_BATCH_BUFFER}; false when the buffer is at that bound (the batch ends here).
     */
    private boolean growAndRead() {
        if (eof) return false;
        if (lim == buf.length) {
            if (buf.length >= MAX_BATCH_BUFFER) return false;
            buf = Arrays.copyOf(buf, Math.min(MAX_BATCH_BUFFER, buf.length * 2));
        }
        try {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
                return true; // the record at pos can now be finished as the last one
            }
            lim += n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Reads more of a stream: compacts, grows a full buffer, reads at least one byte or reaches the end. */
    private void readMore() {
        if (eof) return;
        if (pos > 0) compact();
        if (lim == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        try {
            while (lim < buf.length) {
                int n = in.read(buf, lim, buf.length - lim);
                if (n < 0) {
                    eof = true;
                    return;
                }
                lim += n;
                if (n > 0 && lim - pos >= 1 << 16) return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds field {@code field} of an already-scanned record that starts at {@code from} in {@code b};
     * {@code out} gets its start, end and flag (as {@link RawBatch} stores them).
     */
    static void locate(byte[] b, int from, int field, byte delim, int[] out) {
        int p = from;
        for (int f = 0; ; f++) {
            int s, e, flag;
            if (p < b.length && b[p] == '"') {
                flag = RawBatch.QUOTED;
                s = ++p;
                while (true) {
                    if (b[p] == '"') {
                        if (p + 1 < b.length && b[p + 1] == '"') {
                            flag = RawBatch.ESCAPED;
                            p += 2;
                            continue;
                        }
                        break;
                    }
                    p++;
                }
                e = p++;
            } else {
                flag = RawBatch.PLAIN;
                s = p;
                while (p < b.length && b[p] != delim && b[p] != '\n' && b[p] != '\r') p++;
                e = p;
            }
            if (f == field) {
                out[0] = s;
                out[1] = e;
                out[2] = flag;
                return;
            }
            p++; // the delimiter
        }
    }

    @Override public void close() {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
