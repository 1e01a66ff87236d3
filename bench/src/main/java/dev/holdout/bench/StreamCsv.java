package dev.holdout.bench;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvBatch;
import dev.holdout.data.CsvReader;
import java.nio.file.Path;
import java.util.List;

/**
 * One streaming pass over a CSV with {@link CsvReader#batches(int)}, as a model monitor would make it: for every
 * numeric column the count, missing count and mean, for every text column the distinct values seen per batch.
 * {@code java -Xmx256m -cp benchmarks.jar dev.holdout.bench.StreamCsv FILE [ROWS_PER_BATCH]}
 */
public final class StreamCsv {
    private StreamCsv() {}

    public static void main(String[] args) {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 65_536;
        long total = 0, batches = 0;
        double[] sum = null;
        long[] missing = null;
        List<String> columns = null;
        long distinct = 0;
        try (CsvReader.Batches b = CsvReader.open(Path.of(args[0])).batches(rows)) {
            for (CsvBatch batch : b) {
                if (columns == null) {
                    columns = batch.columns();
                    sum = new double[columns.size()];
                    missing = new long[columns.size()];
                }
                for (int c = 0; c < columns.size(); c++) {
                    String name = columns.get(c);
                    ColumnKind k = batch.kind(name);
                    if (k.isNumeric()) {
                        for (double x : batch.numbers(name)) {
                            if (x != x) missing[c]++;
                            else sum[c] += x;
                        }
                    } else if (k == ColumnKind.TEXT) {
                        distinct += batch.dictionary(name).size();
                    }
                }
                total += batch.rows();
                batches++;
            }
        }
        System.out.printf("%d rows in %d batches; mean of %s %.4f; %d missing; %d distinct text values per batch, summed%n",
                total, batches, columns == null ? "-" : columns.get(3), sum == null ? 0 : sum[3] / (total - missing[3]), missing == null ? 0 : missing[3], distinct);
    }
}
