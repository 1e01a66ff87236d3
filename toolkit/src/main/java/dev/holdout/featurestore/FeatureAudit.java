package dev.holdout.featurestore;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.Columns;
import dev.holdout.data.CsvBatch;
import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.InputFiles;
import dev.holdout.store.StoreSession;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;

/**
 * The audit of a training table built by hand: for each feature value, whether the store could have known it at
 * the row's entity time. A value is known when a record of the id with an event time at or before the entity
 * time holds it (numbers compared to 1e-9, relative, so a value written back with fewer digits still matches);
 * it is from the future when only records after the entity time hold it. Values the store never held are not
 * counted either way (they did not come from this group); missing values are not checked.
 */
final class FeatureAudit {
    private FeatureAudit() {}

    /** Example rows shown per leaking feature. */
    static final int EXAMPLES = 5;

    static FeatureAuditReport run(FeatureStore fs, Path file, String entityId, String entityTime, List<GroupSelection> selections) {
        InputFiles.requireReadable(file, "--input");
        List<String> header = CsvReader.open(file).header();
        if (!header.contains(entityId)) throw Columns.unknown("--entity-id", entityId, header, file.toString());
        if (!header.contains(entityTime)) throw Columns.unknown("--entity-time", entityTime, header, file.toString());
        return fs.store().read(s -> {
            List<String> others = header.stream().filter(h -> !h.equals(entityId) && !h.equals(entityTime)).toList();
            List<String> entityColumns = new ArrayList<>(List.of(entityId, entityTime));
            PointInTimeJoin.Plan named = PointInTimeJoin.plan(s, selections, entityColumns, null);
            List<PointInTimeJoin.Part> parts = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            List<FeatureType> types = new ArrayList<>();
            for (int k = 0; k < named.parts().size(); k++) {
                PointInTimeJoin.Part p = named.parts().get(k);
                boolean explicit = !selections.get(k).features().isEmpty();
                List<Integer> pos = new ArrayList<>();
                List<String> cols = new ArrayList<>();
                for (int i = 0; i < p.positions().size(); i++) {
                    String feature = p.group().features().get(p.positions().get(i)).name();
                    // as a join names it: group.feature when the name collided, else the feature's own name
                    String col = others.contains(p.group().name() + "." + feature) ? p.group().name() + "." + feature
                            : others.contains(feature) ? feature : null;
                    if (col == null) {
                        if (explicit) throw Columns.unknown("--group " + p.group().name() + ": feature column", feature, header, file.toString());
                        continue;
                    }
                    pos.add(p.positions().get(i));
                    cols.add(col);
                    columns.add(col);
                    types.add(p.group().features().get(p.positions().get(i)).type());
                }
                parts.add(new PointInTimeJoin.Part(p.group(), pos, cols, null));
            }
            if (columns.isEmpty()) {
                throw DataValidationException.param("--input", file, "has none of the groups' features as columns",
                        "audit the file the features were joined into; its columns are " + String.join(", ", header));
            }
            long rows = load(s, file, entityId, entityTime, columns, types, named.integerIds());
            List<FeatureAuditReport.FeatureCheck> checks = new ArrayList<>();
            int v = 0;
            for (PointInTimeJoin.Part p : parts) {
                for (int i = 0; i < p.positions().size(); i++, v++) {
                    checks.add(check(s, p.group(), p.positions().get(i), p.columns().get(i), "v" + v, types.get(v)));
                }
            }
            s.execute("DROP TABLE holdout_training");
            return new FeatureAuditReport(file.toString(), rows, checks);
        });
    }

    private static long load(StoreSession s, Path file, String entityId, String entityTime, List<String> columns, List<FeatureType> types,
                             boolean integerIds) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TEMP TABLE holdout_training (row_no BIGINT, line BIGINT, id_int BIGINT, id_txt VARCHAR, ts TIMESTAMP");
        for (int i = 0; i < columns.size(); i++) ddl.append(", v").append(i).append(types.get(i) == FeatureType.STRING ? " VARCHAR" : " DOUBLE");
        s.execute(ddl.append(')').toString());
        List<String> read = new ArrayList<>(List.of(entityId, entityTime));
        read.addAll(columns);
        ColumnKind timeKind = Times.readingKind(file, entityTime, null, "--entity-time");
        CsvReader r = CsvReader.open(file).columns(read)
                .withType(entityId, integerIds ? ColumnKind.INTEGER : ColumnKind.TEXT, integerIds ? "the groups' record ids are whole numbers" : null);
        r = Times.typed(r, entityTime, timeKind, "the entity time is a date, date-time or instant");
        for (int i = 0; i < columns.size(); i++) {
            r = r.withType(columns.get(i), types.get(i) == FeatureType.STRING ? ColumnKind.TEXT : ColumnKind.NUMBER,
                    "the store holds " + types.get(i).label() + " values for it");
        }
        long row = 0;
        try (CsvReader.Batches batches = r.batches(FeatureStore.BATCH_ROWS); DuckDBAppender a = s.appender("holdout_training")) {
            for (CsvBatch b : batches) {
                long[] ids = integerIds ? b.longs(entityId) : null;
                String[] sids = integerIds ? null : b.strings(entityId);
                long[] ts = Times.epochMillis(b, entityTime, timeKind, file, "--entity-time");
                Object[] vals = new Object[columns.size()];
                for (int j = 0; j < vals.length; j++) vals[j] = types.get(j) == FeatureType.STRING ? b.strings(columns.get(j)) : b.numbers(columns.get(j));
                for (int i = 0; i < b.rows(); i++) {
                    if (ts[i] == Long.MIN_VALUE) {
                        throw DataValidationException.at(file.toString(), b.line(i), entityTime, "", "the entity time is missing; the audit needs the time of every row");
                    }
                    a.beginRow().append(row++).append(b.line(i));
                    if (integerIds) {
                        if (ids[i] == Long.MIN_VALUE) a.appendNull();
                        else a.append(ids[i]);
                        a.appendNull();
                    } else {
                        a.appendNull();
                        if (sids[i] == null) a.appendNull();
                        else a.append(sids[i]);
                    }
                    a.appendEpochMicros(ts[i] * 1000);
                    for (Object c : vals) {
                        if (c instanceof double[] d) {
                            if (d[i] != d[i]) a.appendNull();
                            else a.append(d[i]);
                        } else {
                            String x = ((String[]) c)[i];
                            if (x == null) a.appendNull();
                            else a.append(x);
                        }
                    }
                    a.endRow();
                }
            }
        }
        return row;
    }

    private static FeatureAuditReport.FeatureCheck check(StoreSession s, FeatureGroup g, int position, String column, String v, FeatureType type)
            throws SQLException {
        String f = "f." + FeatureGroup.column(position);
        String t = "t." + v;
        String eq = type == FeatureType.STRING ? f + " = " + t
                : "(" + f + "::DOUBLE = " + t + " OR abs(" + f + "::DOUBLE - " + t + ") <= 1e-9 * greatest(abs(" + f + "::DOUBLE), abs(" + t + ")))";
        String id = g.recordId().type() == FeatureType.INTEGRAL ? "t.id_int" : "t.id_txt";
        String per = "SELECT t.row_no, t.line, coalesce(t.id_int::VARCHAR, t.id_txt) AS id, t.ts, " + t + "::VARCHAR AS value, "
                + "coalesce(bool_or(f.event_time <= t.ts AND " + eq + "), false) AS known, min(CASE WHEN f.event_time > t.ts AND " + eq + " THEN f.event_time END) AS later "
                + "FROM holdout_training t JOIN " + g.table() + " f ON " + id + " = f.record_id AND NOT f.is_deleted WHERE " + t + " IS NOT NULL "
                + "GROUP BY t.row_no, t.line, t.id_int, t.id_txt, t.ts, " + t;
        long checked = s.longValue("SELECT count(*) FROM holdout_training WHERE " + v + " IS NOT NULL");
        long leaked = s.longValue("SELECT count(*) FROM (" + per + ") WHERE NOT known AND later IS NOT NULL");
        List<FeatureAuditReport.Example> examples = new ArrayList<>();
        if (leaked > 0) {
            try (PreparedStatement ps = s.connection().prepareStatement("SELECT line, id, ts, value, later FROM (" + per
                    + ") WHERE NOT known AND later IS NOT NULL ORDER BY row_no LIMIT " + EXAMPLES); ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    examples.add(new FeatureAuditReport.Example(r.getLong(1), r.getString(2), FeatureStore.instant(r, 3).toString(),
                            type == FeatureType.STRING ? r.getString(4) : CsvCells.number(Double.parseDouble(r.getString(4))),
                            FeatureStore.instant(r, 5).toString()));
                }
            }
        }
        return new FeatureAuditReport.FeatureCheck(g.name(), g.features().get(position).name(), column, checked, leaked, examples);
    }
}
