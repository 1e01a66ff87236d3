package dev.holdout.bench;

import dev.holdout.data.CsvLoader;
import java.nio.file.Path;
import tech.tablesaw.api.Table;

/**
 * Loads one CSV with {@link CsvLoader} and prints its shape: the Java side of the whole-process
 * comparison with {@code bench/python/read_csv.py --once}.
 * {@code java -cp benchmarks.jar dev.holdout.bench.LoadCsv FILE}
 */
public final class LoadCsv {
    private LoadCsv() {}

    public static void main(String[] args) {
        Table t = CsvLoader.csv().load(Path.of(args[0]));
        System.out.println("CsvLoader " + t.rowCount() + " rows x " + t.columnCount() + " columns");
    }
}
