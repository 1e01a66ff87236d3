package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class CsvLoaderTest {
    @TempDir Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private DataValidationException fails(Path file, Schema schema) {
        return assertThrows(DataValidationException.class, () -> CsvLoader.forFile(file).schema(schema).load(file));
    }

    @Test void infersTypesAndKeepsMissingValuesMissing() throws Exception {
        Path f = write("a.csv", "id,x,when,at,name\n1,1.5,2023-01-01,2023-01-01T10:00,a\n2,,2023-01-02,,\"b, c\"\n3,NA,,2023-01-03 11:30:00,\n");
        Table t = CsvLoader.csv().load(f);
        assertEquals(3, t.rowCount());
        assertTrue(t.column("id") instanceof IntColumn);
        DoubleColumn x = (DoubleColumn) t.column("x");
        assertTrue(x.isMissing(1) && x.isMissing(2), "empty and NA stay missing, never 0");
        assertEquals(2, x.countMissing());
        assertTrue(t.column("when") instanceof DateColumn);
        assertTrue(t.column("when").isMissing(2));
        assertEquals(CsvLoader.kindOf(t.column("at")), ColumnKind.DATETIME);
        assertEquals("b, c", ((StringColumn) t.column("name")).get(1));
        assertTrue(t.column("name").isMissing(2));
    }

    @Test void readsQuotesCrlfBomAndTabs() throws Exception {
        Path f = dir.resolve("q.csv");
        Files.write(f, ("\uFEFFa,b\r\n\"x \"\"quoted\"\"\",\"line\nbreak\"\r\n2,3").getBytes(StandardCharsets.UTF_8));
        CsvLoader.LoadedCsv loaded = CsvLoader.csv().read(f);
        Table t = loaded.table();
        assertEquals("x \"quoted\"", t.stringColumn("a").get(0));
        assertEquals("line\nbreak", t.stringColumn("b").get(0));
        assertEquals("2,3", loaded.record(1));
        assertEquals("\"x \"\"quoted\"\"\",\"line\nbreak\"", loaded.record(0), "records are kept exactly as read");
        Path tsv = write("t.tsv", "a\tb\n1\thello, world\n");
        assertEquals("hello, world", CsvLoader.forFile(tsv).load(tsv).stringColumn("b").get(0));
    }

    @Test void raggedRowNamesFileAndLine() throws Exception {
        Path f = write("r.csv", "a,b,c\n1,2,3\n4,5\n");
        DataValidationException e = fails(f, Schema.empty());
        assertTrue(e.getMessage().contains("r.csv:3"), e.getMessage());
        assertTrue(e.getMessage().contains("2 fields, but the header has 3"), e.getMessage());
        assertEquals(3, e.row());
    }

    @Test void unparseableDeclaredNumberNamesFileLineAndColumn() throws Exception {
        Path f = write("n.csv", "a,b\n1,2\n3,oops\n");
        DataValidationException e = fails(f, Schema.empty().withType("b", ColumnKind.NUMBER));
        assertTrue(e.getMessage().contains("n.csv:3, column 'b'") && e.getMessage().contains("'oops'"), e.getMessage());
        assertEquals("b", e.column());
        assertEquals("oops", e.value());
        DataValidationException d = fails(write("d.csv", "when\n2023-02-30\n"), Schema.empty().withType("when", ColumnKind.DATE));
        assertTrue(d.getMessage().contains("d.csv:2, column 'when'"), d.getMessage());
    }

    @Test void undeclaredNumericLookingTextStaysText() throws Exception {
        Table t = CsvLoader.csv().load(write("m.csv", "a\n1\nx\n"));
        assertTrue(t.column("a") instanceof StringColumn, "mixed values infer as text rather than failing");
    }

    @Test void missingDeclaredColumnSuggestsTheClosest() throws Exception {
        DataValidationException e = fails(write("c.csv", "temp_max,wind\n1,2\n"), Schema.empty().withLabel("temp_mx"));
        assertTrue(e.getMessage().contains("did you mean 'temp_max'"), e.getMessage());
    }

    @Test void emptyFileDuplicateHeaderAndBlankHeaderAreRefused() throws Exception {
        assertTrue(fails(write("e.csv", ""), Schema.empty()).getMessage().contains("empty"));
        assertTrue(fails(write("e2.csv", "\n\n"), Schema.empty()).getMessage().contains("empty"));
        DataValidationException dup = fails(write("h.csv", "a,b,a\n1,2,3\n"), Schema.empty());
        assertTrue(dup.getMessage().contains("duplicate header name") && dup.getMessage().contains("columns 1 and 3"), dup.getMessage());
        assertTrue(fails(write("h2.csv", "a,,c\n1,2,3\n"), Schema.empty()).getMessage().contains("column 2 of the header has no name"));
    }

    @Test void bytesThatAreNotUtf8AreRefusedWithTheLine() throws Exception {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, new byte[] {'a', ',', 'b', '\n', '1', ',', 'x', '\n', '2', ',', (byte) 0xE9, 't', 'e', '\n'});
        DataValidationException e = fails(f, Schema.empty());
        assertTrue(e.getMessage().contains("latin1.csv:3") && e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test void unterminatedQuoteIsRefused() throws Exception {
        DataValidationException e = fails(write("u.csv", "a,b\n1,\"open\n2,3\n"), Schema.empty());
        assertTrue(e.getMessage().contains("u.csv:2") && e.getMessage().contains("closing quote"), e.getMessage());
    }

    @Test void missingFileIsAClearError() {
        DataValidationException e = assertThrows(DataValidationException.class, () -> CsvLoader.csv().load(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().startsWith("input="), e.getMessage());
    }
}
