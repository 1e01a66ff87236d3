package dev.holdout.serve;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvBatch;
import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.InputFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import tech.tablesaw.api.Table;

/**
 * A local SageMaker batch transform: scores CSV files with a {@link Scorer} in one streaming pass each, in
 * bounded memory whatever the file's size, and writes one {@code <name>.out} per input file (CSV with a header,
 * rows in input order) whose prediction fields are exactly {@code holdout predict}'s.
 *
 * <pre>{@code
 * BatchTransform t = BatchTransform.of(Scorer.load(Path.of("runs/rain/model")))
 *         .joinSource(true)                                    // input columns beside the predictions
 *         .outputFilter(ColumnFilter.parse("date,probability", "--output-filter"))
 *         .threads(2).skipBadRows(true);
 * BatchTransform.FileResult r = t.run(Path.of("new.csv"), outDir, BatchTransform.Listener.NONE);
 * r.rows();      // 1461 scored
 * r.skipped();   // 2 (their reasons in outDir/new.csv.errors)
 * }</pre>
 *
 * <p>The pipeline: the calling thread reads batches ({@link CsvReader}, the model's input columns only, each with
 * its type at training) and hands each to one of {@link #threads} workers, which score it and format its rows;
 * the calling thread writes the finished batches in input order. At most {@code 2 × threads} batches are in
 * flight, so memory is bounded by the batch size, not the file. A bad row (ragged, a value that does not fit the
 * column's training type, a category the preprocessor refuses) fails the run with file, line and column — or,
 * with {@link #skipBadRows}, is left out and written with its reason to {@code <name>.errors}.
 */
public final class BatchTransform {
    /** Told of progress; called on the calling thread. */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** After each batch is written: rows written so far in {@code file}, bytes of the input read, its size. */
        default void progress(Path file, long rows, long bytesRead, long bytesTotal) {}

        /** When a file is done. */
        default void done(FileResult result) {}
    }

    /** What became of one input file. */
    public record FileResult(Path input, Path output, long rows, long skipped, Path errors) {}

    /** Default rows per batch. */
    public static final int DEFAULT_BATCH_ROWS = 16_384;

    private final Scorer scorer;
    private final boolean joinSource;
    private final ColumnFilter inputFilter;
    private final ColumnFilter outputFilter;
    private final int batchRows;
    private final int threads;
    private final boolean skipBadRows;
    private final Map<String, ColumnKind> types;
    private final List<String> keep;

    private BatchTransform(Scorer scorer, boolean joinSource, ColumnFilter inputFilter, ColumnFilter outputFilter, int batchRows, int threads,
                           boolean skipBadRows, Map<String, ColumnKind> types, List<String> keep) {
        this.keep = List.copyOf(keep);
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.joinSource = joinSource;
        this.inputFilter = Objects.requireNonNull(inputFilter, "inputFilter");
        this.outputFilter = Objects.requireNonNull(outputFilter, "outputFilter");
        this.batchRows = batchRows;
        this.threads = threads;
        this.skipBadRows = skipBadRows;
        this.types = Map.copyOf(types);
    }

    /** A transform with {@code scorer}: no join, no filters, {@value #DEFAULT_BATCH_ROWS} rows a batch, one thread, failing on a bad row. */
    public static BatchTransform of(Scorer scorer) {
        return new BatchTransform(scorer, false, ColumnFilter.ALL, ColumnFilter.ALL, DEFAULT_BATCH_ROWS, 1, false, Map.of(), List.of());
    }

    /** SageMaker's {@code JoinSource: Input}: each output row starts with the input row's columns, as they were in the file. */
    public BatchTransform joinSource(boolean join) {
        return new BatchTransform(scorer, join, inputFilter, outputFilter, batchRows, threads, skipBadRows, types, keep);
    }

    /** The input columns the model may read (a column it needs outside the filter is an error). */
    public BatchTransform inputFilter(ColumnFilter f) {
        return new BatchTransform(scorer, joinSource, f, outputFilter, batchRows, threads, skipBadRows, types, keep);
    }

    /** The columns of the output row (the joined input columns and the prediction fields) to write, in this order. */
    public BatchTransform outputFilter(ColumnFilter f) {
        return new BatchTransform(scorer, joinSource, inputFilter, f, batchRows, threads, skipBadRows, types, keep);
    }

    /** Rows per batch (1 to 1,048,576). */
    public BatchTransform batchSize(int rows) {
        if (rows < 1 || rows > 1 << 20) {
            throw DataValidationException.param("--batch-size", rows, "must be between 1 and 1048576 rows", "e.g. " + DEFAULT_BATCH_ROWS);
        }
        return new BatchTransform(scorer, joinSource, inputFilter, outputFilter, rows, threads, skipBadRows, types, keep);
    }

    /** Scoring threads (1 to 256); the output keeps input order. */
    public BatchTransform threads(int n) {
        if (n < 1 || n > 256) throw DataValidationException.param("--threads", n, "must be between 1 and 256", "e.g. the number of cores");
        return new BatchTransform(scorer, joinSource, inputFilter, outputFilter, batchRows, n, skipBadRows, types, keep);
    }

    /** Leave out bad rows and write each with its reason to {@code <name>.errors}, instead of failing. */
    public BatchTransform skipBadRows(boolean skip) {
        return new BatchTransform(scorer, joinSource, inputFilter, outputFilter, batchRows, threads, skip, types, keep);
    }

    /**
     * More input columns to keep beside the predictions, as {@code holdout predict --keep} (the id columns and the label
     * are kept anyway, unless a join or an output filter says what to write).
     */
    public BatchTransform keep(List<String> columns) {
        return new BatchTransform(scorer, joinSource, inputFilter, outputFilter, batchRows, threads, skipBadRows, types, columns);
    }

    /** Declared column types ({@code --types}), over the model's training types. */
    public BatchTransform types(Map<String, ColumnKind> declared) {
        return new BatchTransform(scorer, joinSource, inputFilter, outputFilter, batchRows, threads, skipBadRows, declared, keep);
    }

    /** The output file name of an input: SageMaker's {@code <input file name>.out}. */
    public static String outputName(Path input) { return input.getFileName() + ".out"; }

    /** The rejected-rows file name of an input: {@code <input file name>.errors}. */
    public static String errorsName(Path input) { return input.getFileName() + ".errors"; }

    /** Transforms every file into {@code folder} (which should be a temporary folder that becomes the output). */
    public List<FileResult> run(List<Path> inputs, Path folder, Listener listener) {
        List<FileResult> out = new ArrayList<>();
        for (Path in : inputs) out.add(run(in, folder, listener));
        return out;
    }

    /**
     * Checks, from their headers only, that each input can be transformed: it has every column the model reads,
     * the input filter keeps them, the output filter selects columns there are. {@code transform} calls this before
     * it claims its output, so such a mistake leaves nothing behind.
     */
    public void check(List<Path> inputs) {
        for (Path in : inputs) {
            InputFiles.requireReadable(in, "input");
            outputHeader(in, CsvReader.open(in).header());
        }
    }

    /** The chosen output columns' positions in [input columns (joined)] + prediction fields, after the checks of {@link #check}. */
    private OutputPlan outputHeader(Path input, List<String> header) {
        List<String> allowed = inputFilter.names(header);
        for (String c : scorer.inputColumns()) {
            if (!header.contains(c)) {
                throw DataValidationException.param("input", input, "has no column '" + c + "', which the model reads",
                        "score a file with the model's input columns " + scorer.inputColumns());
            }
            if (!allowed.contains(c)) {
                throw DataValidationException.param("--input-filter", inputFilter, "leaves out column '" + c + "', which the model reads",
                        "keep the model's input columns " + scorer.inputColumns() + " in the filter");
            }
        }
        // without a join or an output filter, each row keeps what holdout predict keeps: the id columns, the label, --keep
        List<String> kept = joinSource || !outputFilter.isAll() ? List.of() : scorer.keptColumns(header, keep);
        boolean carry = joinSource || !kept.isEmpty();
        List<String> joined = new ArrayList<>();
        if (carry) joined.addAll(header);
        joined.addAll(scorer.predictionColumns());
        int[] chosen;
        if (kept.isEmpty()) {
            chosen = outputFilter.select(joined);
        } else {
            chosen = new int[kept.size() + scorer.predictionColumns().size()];
            for (int i = 0; i < kept.size(); i++) chosen[i] = header.indexOf(kept.get(i));
            for (int j = 0; j < scorer.predictionColumns().size(); j++) chosen[kept.size() + j] = header.size() + j;
        }
        return new OutputPlan(joined, chosen, new Layout(header.size(), carry ? header.size() : 0, chosen, outputFilter.isAll() && kept.isEmpty()));
    }

    /** The output's columns: [input columns (carried)] + prediction fields, the chosen positions, and how rows are laid out. */
    private record OutputPlan(List<String> joined, int[] chosen, Layout layout) {}

    /** Transforms one file into {@code folder}/{@link #outputName}. */
    public FileResult run(Path input, Path folder, Listener listener) {
        InputFiles.requireReadable(input, "input");
        CsvReader file = CsvReader.open(input);
        List<String> header = file.header();
        OutputPlan plan = outputHeader(input, header);
        int[] chosen = plan.chosen();
        List<String> joined = plan.joined();
        Layout layout = plan.layout();
        List<String> outHeader = new ArrayList<>();
        for (int i : chosen) outHeader.add(joined.get(i));

        CsvReader reader = scorer.reader(file, types);
        if (skipBadRows) reader = reader.skipBadRows();
        Path outFile = folder.resolve(outputName(input));
        Path errFile = folder.resolve(errorsName(input));
        long total = size(input);
        long rows = 0, skipped = 0, bytesRead = 0;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, WORKERS) : null;
        Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
        OutputStream errors = null;
        try (CsvReader.Batches batches = reader.batches(batchRows);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(outFile), 1 << 16)) {
            out.write(csvLine(outHeader));
            for (CsvBatch b : batches) {
                Job job = new Job(input, b, layout);
                bytesRead += job.bytes;
                Future<Chunk> f = pool == null ? done(job.call()) : pool.submit(job);
                inFlight.add(f);
                while (inFlight.size() >= Math.max(1, 2 * threads) || (pool == null && !inFlight.isEmpty())) {
                    Chunk c = take(inFlight.poll());
                    out.write(c.bytes, 0, c.length);
                    rows += c.rows;
                    if (!c.rejected.isEmpty()) {
                        if (errors == null) errors = new BufferedOutputStream(Files.newOutputStream(errFile));
                        for (DataValidationException e : c.rejected) errors.write((e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                        skipped += c.rejected.size();
                    }
                    listener.progress(input, rows, Math.min(bytesRead, total), total);
                }
            }
            while (!inFlight.isEmpty()) {
                Chunk c = take(inFlight.poll());
                out.write(c.bytes, 0, c.length);
                rows += c.rows;
                if (!c.rejected.isEmpty()) {
                    if (errors == null) errors = new BufferedOutputStream(Files.newOutputStream(errFile));
                    for (DataValidationException e : c.rejected) errors.write((e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                    skipped += c.rejected.size();
                }
            }
            listener.progress(input, rows, total, total);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + outFile.getFileName() + ": " + e.getMessage(), e);
        } finally {
            for (Future<Chunk> f : inFlight) f.cancel(true);
            if (pool != null) pool.shutdownNow();
            if (errors != null) {
                try {
                    errors.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write " + errFile.getFileName() + ": " + e.getMessage(), e);
                }
            }
        }
        FileResult r = new FileResult(input, outFile, rows, skipped, skipped > 0 ? errFile : null);
        listener.done(r);
        return r;
    }

    private static final ThreadFactory WORKERS = r -> {
        Thread t = new Thread(r, "holdout-transform");
        t.setDaemon(true);
        return t;
    };

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Future<Chunk> done(Chunk c) { return java.util.concurrent.CompletableFuture.completedFuture(c); }

    private static Chunk take(Future<Chunk> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("transform interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    /** Where each output field comes from: {@code chosen[i] < inputs} is input column chosen[i], else prediction field chosen[i] - inputs. */
    private record Layout(int headerWidth, int inputs, int[] chosen, boolean all) {
        boolean usesInput() {
            for (int c : chosen) if (c < inputs) return true;
            return false;
        }
    }

    /** A batch's formatted rows and the rows it left out. */
    private record Chunk(byte[] bytes, int length, int rows, List<DataValidationException> rejected) {}

    /** One batch, copied off the reader (its arrays are reused for the next batch), scored and formatted on a worker. */
    private final class Job implements Callable<Chunk> {
        private final Path input;
        private final Table table;
        private final long[] lines;
        private final Layout layout;
        /** The joined input fields of each row, as in the file: row r's are bytes [start[r], start[r + 1]) of {@code raw}. */
        private final byte[] raw;
        private final int[] start;
        /** Where each chosen input field of each row ends within the row's raw bytes (only with an output filter). */
        private final int[][] fieldEnds;
        private final List<DataValidationException> readSkipped;
        final long bytes;

        Job(Path input, CsvBatch b, Layout layout) throws IOException {
            this.input = input;
            this.layout = layout;
            int n = b.rows();
            this.table = b.table();
            this.lines = new long[n];
            long bytes = 0;
            for (int r = 0; r < n; r++) {
                lines[r] = b.line(r);
                bytes += b.recordLength(r) + 1;
            }
            this.readSkipped = b.skipped();
            bytes += 64L * readSkipped.size(); // a rough share of the bytes of rows left out, for the progress bar
            this.bytes = bytes;
            if (layout.usesInput()) {
                ByteArrayOutputStream o = new ByteArrayOutputStream(n * 64);
                start = new int[n + 1];
                fieldEnds = layout.all() ? null : new int[n][];
                for (int r = 0; r < n; r++) {
                    start[r] = o.size();
                    if (layout.all()) {
                        b.writeRecord(r, o);
                    } else {
                        int[] ends = new int[layout.chosen().length];
                        for (int i = 0; i < layout.chosen().length; i++) {
                            int c = layout.chosen()[i];
                            if (c < layout.inputs()) b.writeField(r, c, o);
                            ends[i] = o.size() - start[r];
                        }
                        fieldEnds[r] = ends;
                    }
                }
                start[n] = o.size();
                raw = o.toByteArray();
            } else {
                raw = null;
                start = null;
                fieldEnds = null;
            }
        }

        @Override public Chunk call() {
            List<DataValidationException> rejected = new ArrayList<>(readSkipped);
            int n = table.rowCount();
            int[] kept = new int[n];
            for (int i = 0; i < n; i++) kept[i] = i;
            Table t = table;
            double[][] scores;
            while (true) {
                try {
                    scores = t.rowCount() == 0 ? new double[0][] : scorer.score(t);
                    break;
                } catch (DataValidationException e) {
                    // the preprocessor and the feature matrix name a row of this batch's table: name its file line instead
                    if (e.row() < 1 || e.row() > t.rowCount() || !input.toString().equals(e.file())) throw e;
                    int at = (int) e.row() - 1;
                    DataValidationException located = e.relocate(input.toString(), lines[kept[at]]);
                    if (!skipBadRows) throw located;
                    rejected.add(located);
                    t = t.dropRows(at);
                    int[] k = new int[kept.length - 1];
                    System.arraycopy(kept, 0, k, 0, at);
                    System.arraycopy(kept, at + 1, k, at, kept.length - at - 1);
                    kept = k;
                }
            }
            rejected.sort(Comparator.comparingLong(BatchTransform::lineOf));
            ByteArrayOutputStream o = new ByteArrayOutputStream(Math.max(64, kept.length * 32 + (raw == null ? 0 : raw.length)));
            StringBuilder sb = new StringBuilder(64);
            String[] fields = layout.all() ? null : new String[scorer.predictionColumns().size()];
            for (int i = 0; i < kept.length; i++) {
                int r = kept[i];
                sb.setLength(0);
                scorer.appendCsv(sb, scores[i]);
                if (layout.all()) {
                    if (raw != null) {
                        o.write(raw, start[r], start[r + 1] - start[r]);
                        o.write(',');
                    }
                    writeAscii(sb, o);
                } else {
                    split(sb, fields);
                    int from = 0;
                    for (int j = 0; j < layout.chosen().length; j++) {
                        if (j > 0) o.write(',');
                        int c = layout.chosen()[j];
                        if (c < layout.inputs()) {
                            int end = fieldEnds[r][j];
                            o.write(raw, start[r] + from, end - from);
                            from = end;
                        } else {
                            o.writeBytes(fields[c - layout.inputs()].getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                }
                o.write('\n');
            }
            return new Chunk(bytesOf(o), o.size(), kept.length, rejected);
        }
    }

    private static long lineOf(DataValidationException e) { return e.row() < 0 ? Long.MAX_VALUE : e.row(); }

    /** The prediction fields are numbers: a comma never occurs inside one. */
    private static void split(StringBuilder sb, String[] into) {
        int k = 0, from = 0;
        for (int i = 0; i <= sb.length(); i++) {
            if (i == sb.length() || sb.charAt(i) == ',') {
                into[k++] = sb.substring(from, i);
                from = i + 1;
            }
        }
    }

    private static void writeAscii(CharSequence s, ByteArrayOutputStream o) {
        for (int i = 0; i < s.length(); i++) o.write(s.charAt(i));
    }

    private static byte[] bytesOf(ByteArrayOutputStream o) { return o.toByteArray(); }

    /** A header line: each name quoted when it must be (a comma, a quote or a line break in it). */
    static byte[] csvLine(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) sb.append(',');
            String n = names.get(i);
            if (n.indexOf(',') >= 0 || n.indexOf('"') >= 0 || n.indexOf('\n') >= 0 || n.indexOf('\r') >= 0) {
                sb.append('"').append(n.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(n);
            }
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override public String toString() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("join", joinSource);
        m.put("inputFilter", inputFilter);
        m.put("outputFilter", outputFilter);
        m.put("batchRows", batchRows);
        m.put("threads", threads);
        m.put("skipBadRows", skipBadRows);
        return "BatchTransform" + m + " with " + scorer;
    }
}
