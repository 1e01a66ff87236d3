package dev.holdout.train;

import dev.holdout.data.CsvLoader;
import dev.holdout.data.DataValidationException;
import java.nio.file.Files;
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

    static Channel csv(Path file) { return new CsvFile(file); }

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

    /** A CSV file with a header row. */
    record CsvFile(Path file) implements Channel {
        public CsvFile {
            Objects.requireNonNull(file, "file");
        }

        @Override public Table load() {
            if (!Files.isRegularFile(file)) {
                throw DataValidationException.param("channel", file, "no such file", "check the path in the job spec");
            }
            return CsvLoader.forFile(file).load(file);   // file/line/column errors
        }

        @Override public String source() { return file.toString(); }

        @Override public String toString() { return "Channel[" + file + "]"; }
    }
}
