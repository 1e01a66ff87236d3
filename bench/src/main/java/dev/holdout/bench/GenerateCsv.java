package dev.holdout.bench;

import dev.holdout.data.SeededRandom;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Writes a seeded benchmark CSV: {@code java -cp benchmarks.jar dev.holdout.bench.GenerateCsv FILE ROWS}. */
public final class GenerateCsv {
    private GenerateCsv() {}

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "/tmp/holdout-1m.csv"), args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000, 1);
    }

    static void write(Path file, int rows, long seed) throws IOException {
        SeededRandom r = new SeededRandom(seed);
        String[] cats = {"web", "app", "store", "phone"};
        LocalDate start = LocalDate.of(2020, 1, 1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,date,x1,x2,x3,x4,x5,x6,channel,label\n");
            StringBuilder sb = new StringBuilder(128);
            for (int i = 0; i < rows; i++) {
                sb.setLength(0);
                sb.append(i).append(',').append(start.plusDays(i % 1500)).append(',');
                for (int j = 0; j < 6; j++) {
                    if (r.nextDouble() < 0.02) sb.append("");
                    else sb.append(Math.round(r.nextGaussian() * 1e4) / 1e3);
                    sb.append(',');
                }
                sb.append(cats[r.nextInt(4)]).append(',').append(r.nextDouble() < 0.3 ? 1 : 0).append('\n');
                w.write(sb.toString());
            }
        }
    }
}
