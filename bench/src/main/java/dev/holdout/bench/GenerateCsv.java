package dev.holdout.bench;

import dev.holdout.data.SeededRandom;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Writes seeded benchmark CSVs:
 * {@code java -cp benchmarks.jar dev.holdout.bench.GenerateCsv FILE ROWS [narrow|mixed|wide COLUMNS]}.
 *
 * <ul>
 *   <li>{@code narrow} (default): 10 columns — id, ISO date, six numbers with 2 % missing, a 4-level
 *       category, a 0/1 label (59 MB for 1,000,000 rows).
 *   <li>{@code mixed}: 20 columns — id, ISO date, ISO date-time, twelve numbers with 3 decimals and 2 %
 *       missing, a whole number 0–999, a 4-level and a 50-level category, a 100,000-level customer code
 *       and a 0/1 label (about 158 MB for 1,000,000 rows): the "1,000,000 × 20 mixed CSV".
 *   <li>{@code wide COLUMNS}: an id and COLUMNS-1 numbers with 2 decimals, for the wide-file benchmark.
 * </ul>
 */
public final class GenerateCsv {
    private GenerateCsv() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/holdout-1m.csv");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String shape = args.length > 2 ? args[2] : "narrow";
        switch (shape) {
            case "narrow" -> write(file, rows, 1);
            case "mixed" -> writeMixed(file, rows, 1);
            case "wide" -> writeWide(file, rows, args.length > 3 ? Integer.parseInt(args[3]) : 100_000, 1);
            default -> throw new IllegalArgumentException("shape=" + shape + ": must be narrow, mixed or wide");
        }
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

    static void writeMixed(Path file, int rows, long seed) throws IOException {
        SeededRandom r = new SeededRandom(seed);
        String[] channels = {"web", "app", "store", "phone"};
        LocalDate start = LocalDate.of(2020, 1, 1);
        LocalDateTime t0 = LocalDateTime.of(2020, 1, 1, 0, 0, 0);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,date,time,x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,x11,x12,n,channel,region,customer,label\n");
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < rows; i++) {
                sb.setLength(0);
                sb.append(i).append(',').append(start.plusDays(i % 1500)).append(',')
                        .append(t0.plusSeconds(i * 37L + r.nextInt(30))).append(',');
                for (int j = 0; j < 12; j++) {
                    if (r.nextDouble() >= 0.02) sb.append(Math.round(r.nextGaussian() * 1e4) / 1e3);
                    sb.append(',');
                }
                sb.append(r.nextInt(1000)).append(',').append(channels[r.nextInt(4)]).append(",region-").append(r.nextInt(50))
                        .append(",c").append(100_000 + r.nextInt(100_000)).append(',').append(r.nextDouble() < 0.3 ? 1 : 0).append('\n');
                w.write(sb.toString());
            }
        }
    }

    static void writeWide(Path file, int rows, int columns, long seed) throws IOException {
        SeededRandom r = new SeededRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder(columns * 8);
            sb.append("id");
            for (int c = 1; c < columns; c++) sb.append(",f").append(c);
            w.write(sb.append('\n').toString());
            for (int i = 0; i < rows; i++) {
                sb.setLength(0);
                sb.append(i);
                for (int c = 1; c < columns; c++) sb.append(',').append(Math.round(r.nextGaussian() * 100) / 100.0);
                w.write(sb.append('\n').toString());
            }
        }
    }
}
