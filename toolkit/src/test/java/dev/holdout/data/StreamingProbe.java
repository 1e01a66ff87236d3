package dev.holdout.data;

import java.nio.file.Path;

/**
 * Streams a file through {@link CsvReader#batches(int)} and prints what a monitor would compute in one pass
 * (rows, sums, missing counts, distinct categories, the last line): run by {@link StreamingMemoryTest} in a
 * JVM whose heap is smaller than the file.
 */
public final class StreamingProbe {
    private StreamingProbe() {}

    public static void main(String[] args) {
        long rows = 0, missing = 0, lastLine = 0;
        double sumX = 0;
        long sumId = 0;
        java.util.Set<String> channels = new java.util.TreeSet<>();
        try (CsvReader.Batches batches = CsvReader.open(Path.of(args[0])).withType("x", ColumnKind.NUMBER)
                .withType("channel", ColumnKind.TEXT).batches(Integer.parseInt(args[1]))) {
            for (CsvBatch b : batches) {
                double[] x = b.numbers("x");
                double[] id = b.numbers("id");
                for (int i = 0; i < b.rows(); i++) {
                    if (Double.isNaN(x[i])) missing++;
                    else sumX += x[i];
                    sumId += (long) id[i];
                }
                channels.addAll(b.dictionary("channel"));
                rows += b.rows();
                lastLine = b.line(b.rows() - 1);
            }
        }
        System.out.println(rows + " " + missing + " " + Math.round(sumX * 1000) + " " + sumId + " " + channels + " " + lastLine);
    }
}
