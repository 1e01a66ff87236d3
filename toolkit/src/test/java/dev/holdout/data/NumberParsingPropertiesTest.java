package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The readers' decimal parser (straight from the bytes) against the JDK, bit for bit. */
class NumberParsingPropertiesTest {
    @Provide Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.doubles().between(-1e6, 1e6).ofScale(6),
                Arbitraries.of(0.0, -0.0, 1e-300, 4.9e-324, Double.MAX_VALUE, 123456789012345678.0, 0.1, 0.3));
    }

    /** The fast number parser returns exactly what Double.parseDouble returns, in every text form. */
    @Property(tries = 200)
    void parsesNumbersExactlyLikeTheJdk(@ForAll("doubles") double v) throws IOException {
        String[] forms = {Double.toString(v), String.format(Locale.ROOT, "%.6f", v), String.format(Locale.ROOT, "%.17g", v),
                String.format(Locale.ROOT, "%e", v), new java.math.BigDecimal(v).toPlainString()};
        StringBuilder sb = new StringBuilder("x\n");
        for (String s : forms) sb.append(s).append('\n');
        Path f = Files.createTempFile("holdout-numbers", ".csv");
        Files.write(f, sb.toString().getBytes(StandardCharsets.UTF_8));
        double[] got = CsvReader.open(f).withType("x", ColumnKind.NUMBER).readAll().numbers("x");
        double[] loaded = CsvLoader.csv().load(f).doubleColumn("x").asDoubleArray();
        Files.delete(f);
        for (int i = 0; i < forms.length; i++) {
            long expected = Double.doubleToLongBits(Double.parseDouble(forms[i]));
            assertEquals(expected, Double.doubleToLongBits(got[i]), forms[i]);
            assertEquals(expected, Double.doubleToLongBits(loaded[i]), forms[i]);
            byte[] b = forms[i].getBytes(StandardCharsets.US_ASCII);
            assertEquals(expected, Double.doubleToLongBits(Cells.parseNumber(b, 0, b.length)), forms[i]);
        }
    }
}
