package dev.holdout.train;

import dev.holdout.data.CsvLoader;
import dev.holdout.data.InputFiles;
import dev.holdout.data.Schema;
import java.nio.file.Path;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A data channel of a training job (SageMaker's {@code train} and {@code validation}): a table in
 * memory or a CSV (or TSV) file with a header row, read by {@link CsvLoader}, read when the job runs.
 *
 * <pre>{@code
 * Channel train = Channel.of(trainTable);
 * Channel validation = Channel.csv(Path.of("data/validation.csv"));
 * }</pre>
 */
public sealed interface Channel permits Channel.InMemory, Channel.CsvFile {

    static Channel of(Table table) { return new InMemory(table); }

    static Channel csv(Path file) { return new CsvFile(file, Schema.empty()); }

    /** A CSV file whose columns of {@code types} are read as declared there ({@link Schema#withType}). */
    static Channel csv(Path file, Schema types) { return new CsvFile(file, types); }

    /** The rows of this channel. */
    Table load();

    /** Where the rows come from, for messages and the model card. */
    String source();

    /** A table already in memory. */
    record InMemory(Table table) implements Channel {
        public InMemory {
            Objects.requireNonNull(table, "table");
        }

        @Override public Table load() { return table; }

        @Override public String source() { return "table '" + table.name() + "'"; }

        @Override public String toString() { return "Channel[" + source() + ", " + table.rowCount() + " rows]"; }
    }

    /** A CSV file with a header row; {@code types} declares the kinds of some of its columns (often none). */
    record CsvFile(Path file, Schema types) implements Channel {
        public CsvFile {
            Objects.requireNonNull(file, "file");
            types = types == null ? Schema.empty() : types;
        }

        public CsvFile(Path file) { this(file, Schema.empty()); }

        @Override public Table load() {
            InputFiles.requireReadable(file, "channel");  // a folder, a dangling link, permission denied: said plainly
            return CsvLoader.forFile(file).schema(types).load(file);   // file/line/column errors
        }

        @Override public String source() { return file.toString(); }

        @Override public String toString() { return "Channel[" + file + "]"; }
    }
}
