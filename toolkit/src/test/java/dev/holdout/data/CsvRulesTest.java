package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The one reading rule set, through the table loader (streamed from a path and from bytes) and the column reader. */
class CsvRulesTest {
    @TempDir Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    /** Loads a file both ways the loader reads (streamed, and held whole for parts) and checks they agree. */
    private Table load(Path f) {
        Table streamed = CsvLoader.forFile(f).load(f);
        Table whole = CsvLoader.forFile(f).read(f).table();
        assertEquals(whole.columnNames(), streamed.columnNames());
        for (String c : whole.columnNames()) {
            assertEquals(CsvLoader.kindOf(whole.column(c)), CsvLoader.kindOf(streamed.column(c)), c);
            for (int i = 0; i < whole.rowCount(); i++) assertEquals(whole.column(c).getString(i), streamed.column(c).getString(i), c + " row " + i);
        }
        return streamed;
    }

    private DataValidationException fails(Path f) {
        DataValidationException a = assertThrows(DataValidationException.class, () -> CsvLoader.forFile(f).load(f));
        DataValidationException b = assertThrows(DataValidationException.class, () -> CsvLoader.forFile(f).read(f));
        assertEquals(a.getMessage(), b.getMessage(), "streamed and whole reads fail the same way");
        return a;
    }

    @Test void crOnlyLineEndsAreLineBreaksAndPartsKeepThem() throws Exception {
        Path f = write("mac.csv", "a,b\r1,x\r2,\"y\rz\"\r\r3,w");
        Table t = load(f);
        assertEquals(3, t.rowCount());
        assertEquals("y\rz", t.stringColumn("b").get(1));
        CsvLoader.LoadedCsv loaded = CsvLoader.csv().read(f);
        assertEquals("\r", loaded.lineSeparator());
        assertEquals(List.of(2L, 3L, 6L), List.of(loaded.lineOf(0), loaded.lineOf(1), loaded.lineOf(2)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        loaded.writePart(new int[] {2, 0}, out);
        assertEquals("a,b\r3,w\r1,x\r", out.toString(StandardCharsets.UTF_8));
    }

    @Test void aNulByteIsRefusedWithFileLineAndColumn() throws Exception {
        DataValidationException e = fails(write("nul.csv", "id,label\n1,a\n2,1\0\n"));
        assertEquals(3, e.row());
        assertEquals("label", e.column());
        assertTrue(e.getMessage().startsWith(dir.resolve("nul.csv") + ":3, column 'label': a NUL byte"), e.getMessage());
    }

    @Test void headerNamesThatDifferOnlyInCaseAreRefused() throws Exception {
        DataValidationException e = fails(write("case.csv", "Age,name,age\n1,a,2\n"));
        assertTrue(e.getMessage().contains("columns 1 and 3 are named 'Age' and 'age'"), e.getMessage());
    }

    @Test void missingTokensAreTrimmedAndABlankCellIsMissing() throws Exception {
        Table t = load(write("m.csv", "x,s\n1, NA \n\"\",\" \"\nnull,NULL\n4,N/A\n"));
        var x = t.column("x");
        assertArrayEquals(new boolean[] {false, true, true, false}, new boolean[] {x.isMissing(0), x.isMissing(1), x.isMissing(2), x.isMissing(3)});
        assertEquals(4, t.column("s").countMissing(), "blank, ' ', NULL and N/A are missing in a text column too");
    }

    @Test void aMostlyNumericColumnIsNumericAndItsOddValueIsAnErrorWithItsLine() throws Exception {
        StringBuilder sb = new StringBuilder("id,amount\n");
        for (int i = 0; i < 20; i++) sb.append(i).append(',').append(i == 13 ? "12abc" : i + ".5").append('\n');
        DataValidationException e = fails(write("typo.csv", sb.toString()));
        assertEquals(15, e.row());
        assertEquals("amount", e.column());
        assertEquals("12abc", e.value());
        assertTrue(e.getMessage().contains("typo.csv:15, column 'amount': value '12abc' is not a number, but 19 of the column's 20 values are numbers"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--types 'amount=TEXT'"), e.getMessage());
        // declared TEXT, the same file loads, every value kept as written
        Table t = CsvLoader.csv().schema(Schema.empty().withType("amount", ColumnKind.TEXT)).load(dir.resolve("typo.csv"));
        assertEquals("12abc", t.stringColumn("amount").get(13));
        assertEquals("1.5", t.stringColumn("amount").get(1));
    }

    @Test void nonFiniteAndUnparseableNumbersInANumericColumnAreErrorsWhileNanIsMissing() throws Exception {
        for (String bad : new String[] {"1e400", "inf", "-Infinity", "\"1,5\"", "12abc"}) {
            DataValidationException e = fails(write("n.csv", "x\n1\n2.5\n" + bad + "\n3\n"));
            assertEquals(4, e.row(), bad);
            assertEquals("x", e.column(), bad);
            assertEquals(bad.replace("\"", ""), e.value(), bad);
        }
        Table t = load(write("nan.csv", "x\n1\nNaN\n2.5\n"));
        assertTrue(t.column("x").isMissing(1));
        DataValidationException declared = assertThrows(DataValidationException.class,
                () -> CsvLoader.csv().schema(Schema.empty().withType("x", ColumnKind.NUMBER)).load(write("o.csv", "x\nabc\n1e400\n")));
        assertEquals(2, declared.row(), "a declared column fails at its first bad value");
        assertTrue(declared.getMessage().contains("column 'x' is declared NUMBER"), declared.getMessage());
    }

    @Test void aColumnThatIsMostlyTextStaysTextWithEveryValueAsWritten() throws Exception {
        Table t = load(write("t.csv", "code,n\n1,1\n2,2\n\"a \"\"b\"\"\",3\nc,4\nd,5\n"));
        StringColumn code = t.stringColumn("code");
        assertEquals(List.of("1", "2", "a \"b\"", "c", "d"), code.asList(), "the two numbers before the first text are read again as text");
        assertInstanceOf(IntColumn.class, t.column("n"));
    }

    @Test void timeColumnsReadDatesLocalDateTimesAndInstantsWithZOrAnOffset() throws Exception {
        Table t = load(write("time.csv", "d,local,zoned,mixedDay\n2023-01-01,2023-01-01T10:00,2023-01-01T00:00:00Z,2023-01-01\n"
                + "2023-01-02,2023-01-02 11:30:15.250,2023-01-01T09:00:00+09:00,2023-01-02T06:00\n"
                + ",,2022-12-31 19:00:00-05:00,\n"));
        assertEquals(ColumnKind.DATE, CsvLoader.kindOf(t.column("d")));
        DateTimeColumn local = (DateTimeColumn) t.column("local");
        assertEquals(LocalDateTime.parse("2023-01-02T11:30:15.250"), local.get(1));
        InstantColumn zoned = (InstantColumn) t.column("zoned");
        Instant midnight = Instant.parse("2023-01-01T00:00:00Z");
        assertEquals(List.of(midnight, midnight, midnight), zoned.asList(), "each offset is read as the same UTC instant");
        DateTimeColumn mixed = (DateTimeColumn) t.column("mixedDay");
        assertEquals(LocalDateTime.parse("2023-01-01T00:00"), mixed.get(0), "a date in a date-time column is midnight");
        assertTrue(mixed.isMissing(2));
        assertEquals(ColumnKind.INSTANT, ColumnKind.parse("instant", "--types"));
    }

    @Test void aDeclaredKindIsStrictAndSaysWhatFits() throws Exception {
        Path f = write("k.csv", "when\n2023-01-01T00:00:00\n");
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> CsvLoader.csv().schema(Schema.empty().withType("when", ColumnKind.INSTANT)).load(f));
        assertTrue(e.getMessage().contains("with a zone"), e.getMessage());
        Table t = CsvLoader.csv().schema(Schema.empty().withType("when", ColumnKind.TEXT)).load(f);
        assertEquals("2023-01-01T00:00:00", t.stringColumn("when").get(0));
        DataValidationException w = assertThrows(DataValidationException.class,
                () -> CsvLoader.csv().require("when", ColumnKind.NUMBER, "the model was trained on numbers").load(f));
        assertTrue(w.getMessage().contains("must be NUMBER (the model was trained on numbers): fix the value or mark it missing"), w.getMessage());
        DataValidationException unknown = assertThrows(DataValidationException.class, () -> ColumnKind.parse("NUMBR", "--types x"));
        assertTrue(unknown.getMessage().contains("did you mean NUMBER?"), unknown.getMessage());
    }

    @Test void onlyTheRequestedColumnsAreParsedButEveryByteIsChecked() throws Exception {
        Path f = write("p.csv", "id,amount,label\n1,5,a\n2,12abc,b\n3,7,a\n4,8,b\n");
        CsvLoader.LoadedCsv loaded = CsvLoader.csv().columns(List.of("label")).read(f);
        assertEquals(List.of("label"), loaded.table().columnNames());
        assertEquals(4, loaded.rowCount());
        assertEquals("2,12abc,b", loaded.record(1));
        CsvLoader.LoadedCsv none = CsvLoader.csv().columns(List.of()).read(f);
        assertEquals(0, none.table().columnCount());
        assertEquals(4, none.rowCount(), "the rows are counted with no column parsed");
        Path g = write("q.csv", "id,label\n1,a\n2\n");
        assertThrows(DataValidationException.class, () -> CsvLoader.csv().columns(List.of("id")).read(g), "a ragged row is still refused");
    }

    @Test void ofTwoBadValuesTheErrorIsTheSameWhicheverThreadReadsTheirColumns() throws Exception {
        // columns 1 and 2 are read by different threads on a machine with two cores; the error is the first in the file
        StringBuilder sb = new StringBuilder("a,b,c,d,e\n");
        for (int i = 0; i < 50; i++) sb.append(i).append(',').append(i == 40 ? "x" : "1").append(',').append(i == 3 ? "y" : "2").append(",3,4\n");
        Path f = write("two.csv", sb.toString());
        Schema numbers = Schema.empty().withType("b", ColumnKind.NUMBER).withType("c", ColumnKind.NUMBER);
        for (int run = 0; run < 5; run++) {
            DataValidationException e = assertThrows(DataValidationException.class, () -> CsvLoader.csv().schema(numbers).load(f));
            assertEquals("c", e.column());
            assertEquals(5, e.row());
        }
    }

    @Test void theDefaultMissingTokensAreDocumentedInTheReadme() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        for (String token : CsvLoader.DEFAULT_MISSING) {
            if (!token.isEmpty()) assertTrue(text.contains("`" + token + "`"), "README names the missing token " + token);
        }
    }
}
