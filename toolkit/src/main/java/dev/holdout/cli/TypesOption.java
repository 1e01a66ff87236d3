package dev.holdout.cli;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --types COL=TYPE[,COL=TYPE...]}: declares the type of columns of the CSV a verb reads, shared
 * by every verb that reads one. A declared column's values must all fit its type (an error names file,
 * line and value otherwise), and a value can no longer change how the column is read:
 * {@code --types zip=TEXT,amount=NUMBER,when=INSTANT}.
 */
final class TypesOption {
    @Option(names = "--types", paramLabel = "COL=TYPE", split = ",",
            description = "Declare column types, e.g. --types zip=TEXT,amount=NUMBER,when=INSTANT (TEXT, NUMBER or DOUBLE, INTEGER, "
                    + "DATE, DATETIME, INSTANT). Without it a column's type is inferred from its values.")
    Map<String, String> raw = new LinkedHashMap<>();

    /** The declared kinds, by column (an unknown type name is an error with a suggestion). */
    Map<String, ColumnKind> kinds() {
        Map<String, ColumnKind> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) out.put(e.getKey().trim(), ColumnKind.parse(e.getValue(), "--types " + e.getKey()));
        return Collections.unmodifiableMap(out);
    }

    /** {@code schema} with the declared kinds added (they override kinds it already has). */
    Schema applyTo(Schema schema) {
        Schema s = schema;
        for (Map.Entry<String, ColumnKind> e : kinds().entrySet()) s = s.withType(e.getKey(), e.getValue());
        return s;
    }
}
