package dev.holdout.featurestore;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.Columns;
import dev.holdout.data.CsvBatch;
import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.InputFiles;
import dev.holdout.io.OutputFile;
import dev.holdout.store.StoreSession;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The point-in-time join, in the database. For each entity row and each group: the record with the same id whose
 * event time is at or before the entity time (a value recorded at the same instant is known) and, with a time to
 * live, not before the entity time minus it; among several, the latest event time, then the latest write (Feast's
 * rule). A tombstone hides the id from its event time on. With {@code asKnown}, only rows written by the entity time
 * count (bitemporal: a late correction is not used for an earlier prediction). No match: empty values.
 *
 * <p>The rule runs as DuckDB's {@code ASOF LEFT JOIN} on one ordering key per row — the event time in the high 64
 * bits, the write sequence in the low — so "latest event, then latest write" is one inequality; {@code asKnown}
 * (two inequalities) runs as a range join with a window instead. The entity rows are loaded into a temporary
 * table with their position, and the result comes back in that order: same inputs, same output, byte for byte.
 */
final class PointInTimeJoin {
    private PointInTimeJoin() {}

    /** One group of the join: its features (by position), their output names, its time to live. */
    record Part(FeatureGroup group, List<Integer> positions, List<String> columns, Duration ttl) {}

    /** The groups and names of a join. */
    record Plan(List<Part> parts, boolean integerIds) {
        int width() {
            int n = 0;
            for (Part p : parts) n += p.positions().size();
            return n;
        }
    }

    /** Resolves the selections; a feature name that collides with an entity column or another group's feature becomes {@code group.name}. */
    static Plan plan(StoreSession s, List<GroupSelection> selections, List<String> entityColumns, Duration ttlOverride) throws SQLException {
        if (selections.isEmpty()) throw DataValidationException.param("--group", "(none)", "a join needs at least one group", "pass --group NAME");
        List<FeatureGroup> all = FeatureStore.groups(s);
        List<FeatureGroup> groups = new ArrayList<>();
        List<List<Integer>> positions = new ArrayList<>();
        Set<String> seenGroups = new HashSet<>();
        for (GroupSelection sel : selections) {
            FeatureGroup g = FeatureStore.group(s, sel.group());
            if (!seenGroups.add(g.name())) {
                throw DataValidationException.param("--group", sel, "names group '" + g.name() + "' twice", "list each group once, with all its features");
            }
            List<Integer> ps = new ArrayList<>();
            if (sel.features().isEmpty()) for (int i = 0; i < g.features().size(); i++) ps.add(i);
            for (String f : sel.features()) {
                int p = g.position(f);
                if (p < 0) throw Columns.unknown("--group " + g.name() + ": feature", f, g.featureNames(), "group '" + g.name() + "'");
                ps.add(p);
            }
            groups.add(g);
            positions.add(ps);
        }
        Map<String, Integer> uses = new HashMap<>();
        for (int k = 0; k < groups.size(); k++) for (int p : positions.get(k)) uses.merge(groups.get(k).features().get(p).name(), 1, Integer::sum);
        Set<String> entity = new HashSet<>(entityColumns);
        Set<String> taken = new HashSet<>(entityColumns);
        List<Part> parts = new ArrayList<>();
        boolean integer = true;
        for (int k = 0; k < groups.size(); k++) {
            FeatureGroup g = groups.get(k);
            List<String> names = new ArrayList<>();
            for (int p : positions.get(k)) {
                String f = g.features().get(p).name();
                String name = entity.contains(f) || uses.get(f) > 1 ? g.name() + "." + f : f;
                if (!taken.add(name)) {
                    throw DataValidationException.param("--group", g.name(), "its feature '" + f + "' would be output as '" + name
                            + "', which the entity file already has", "rename that entity column");
                }
                names.add(name);
            }
            integer &= g.recordId().type() == FeatureType.INTEGRAL;
            Duration ttl = ttlOverride != null ? ttlOverride : g.ttlOrNull();
            parts.add(new Part(g, List.copyOf(positions.get(k)), List.copyOf(names), ttl));
        }
        return new Plan(List.copyOf(parts), integer);
    }

    // ------------------------------------------------------------------------------------------ entities

    /** The temporary table of entity rows: position, id (as a whole number and as text, as the groups need), time, ordering key. */
    static void createEntities(StoreSession s, String table) throws SQLException {
        s.execute("CREATE OR REPLACE TEMP TABLE " + table + " (row_no BIGINT NOT NULL, id_int BIGINT, id_txt VARCHAR, ts TIMESTAMP NOT NULL)");
    }

    /** Adds the key column once the rows are in (computed by DuckDB in one pass). */
    static void finishEntities(StoreSession s, String table) throws SQLException {
        s.execute("ALTER TABLE " + table + " ADD COLUMN pit HUGEINT");
        s.execute("UPDATE " + table + " SET pit = (epoch_us(ts)::HUGEINT * 18446744073709551616) + 9223372036854775807");
    }

    /** Streams the id and time columns of a CSV into the entity table; returns the rows. */
    static long loadEntities(StoreSession s, String table, Path file, String entityId, String entityTime, boolean integerIds) throws SQLException {
        List<String> header = CsvReader.open(file).header();
        if (!header.contains(entityId)) throw Columns.unknown("--entity-id", entityId, header, file.toString());
        if (!header.contains(entityTime)) throw Columns.unknown("--entity-time", entityTime, header, file.toString());
        ColumnKind timeKind = Times.readingKind(file, entityTime, null, "--entity-time");
        CsvReader r = CsvReader.open(file).columns(entityId, entityTime)
                .withType(entityId, integerIds ? ColumnKind.INTEGER : ColumnKind.TEXT, integerIds ? "the groups' record ids are whole numbers" : null);
        r = Times.typed(r, entityTime, timeKind, "the entity time is a date, date-time or instant");
        long row = 0;
        try (CsvReader.Batches batches = r.batches(FeatureStore.BATCH_ROWS); DuckDBAppender a = s.appender(table)) {
            for (CsvBatch b : batches) {
                long[] ids = integerIds ? b.longs(entityId) : null;
                String[] sids = integerIds ? null : b.strings(entityId);
                long[] ts = Times.epochMillis(b, entityTime, timeKind, file, "--entity-time");
                for (int i = 0; i < b.rows(); i++) {
                    if (ts[i] == Long.MIN_VALUE) {
                        throw DataValidationException.at(file.toString(), b.line(i), entityTime, "",
                                "the entity time is missing; a point-in-time join needs the time of every entity row");
                    }
                    a.beginRow().append(row++);
                    if (integerIds) {
                        if (ids[i] == Long.MIN_VALUE) a.appendNull();
                        else a.append(ids[i]);
                        a.appendNull();
                    } else {
                        a.appendNull();
                        if (sids[i] == null) a.appendNull();
                        else a.append(sids[i]);
                    }
                    a.appendEpochMicros(ts[i] * 1000).endRow();
                }
            }
        }
        return row;
    }

    static void loadEntities(StoreSession s, String table, Table t, String entityId, String entityTime, boolean integerIds) throws SQLException {
        Column<?> id = Columns.require(t, entityId, "entityId");
        long[] ts = Times.epochMillis(t, entityTime, "entityTime");
        try (DuckDBAppender a = s.appender(table)) {
            for (int i = 0; i < t.rowCount(); i++) {
                if (ts[i] == Times.MISSING) {
                    throw DataValidationException.atRow(t.name(), i + 1, entityTime, "", "the entity time is missing; a point-in-time join needs the time of every entity row");
                }
                a.beginRow().append((long) i);
                if (id.isMissing(i)) a.appendNull().appendNull();
                else if (integerIds) {
                    long v;
                    if (id instanceof tech.tablesaw.api.NumericColumn<?> nc && nc.getDouble(i) == Math.rint(nc.getDouble(i))) {
                        v = id instanceof LongColumn lc ? lc.getLong(i) : (long) nc.getDouble(i);
                    } else {
                        try {
                            v = Long.parseLong(id.getString(i).trim());
                        } catch (NumberFormatException e) {
                            throw DataValidationException.atRow(t.name(), i + 1, entityId, id.getString(i),
                                    "'" + id.getString(i) + "' is not a whole number, but the groups' record ids are");
                        }
                    }
                    a.append(v).appendNull();
                } else {
                    a.appendNull().append(id.getString(i));
                }
                a.appendEpochMicros(ts[i] * 1000).endRow();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the query

    /** The join's query: row_no, then per group a status (0 no record, 1 matched, 2 outside the ttl, 3 deleted) and its features. */
    static String query(Plan plan, String entities, boolean asKnown) {
        StringBuilder select = new StringBuilder("SELECT e.row_no");
        StringBuilder from = new StringBuilder(" FROM ").append(entities).append(" e");
        for (int k = 0; k < plan.parts().size(); k++) {
            Part p = plan.parts().get(k);
            String a = "g" + k;
            String live = live(a, p);
            select.append(", CASE WHEN ").append(a).append(".record_id IS NULL THEN 0 WHEN ").append(a).append(".is_deleted THEN 3 WHEN ")
                    .append(live).append(" THEN 1 ELSE 2 END");
            for (int pos : p.positions()) {
                select.append(", CASE WHEN ").append(a).append(".record_id IS NOT NULL AND NOT ").append(a).append(".is_deleted AND ").append(live)
                        .append(" THEN ").append(a).append('.').append(FeatureGroup.column(pos)).append(" END");
            }
            String idCol = idColumn(p.group(), "e");
            String cols = "record_id, event_time, is_deleted" + featureColumns(p, "");
            if (!asKnown) {
                from.append(" ASOF LEFT JOIN (SELECT ").append(cols).append(", (epoch_us(event_time)::HUGEINT * 18446744073709551616) + write_seq AS pit FROM ")
                        .append(p.group().table()).append(") ").append(a).append(" ON ").append(idCol).append(" = ").append(a).append(".record_id AND e.pit >= ")
                        .append(a).append(".pit");
            } else {
                from.append(" LEFT JOIN (SELECT x.row_no, f.record_id, f.event_time, f.is_deleted").append(featureColumns(p, "f.")).append(" FROM ")
                        .append(entities).append(" x JOIN ").append(p.group().table()).append(" f ON ").append(idColumn(p.group(), "x"))
                        .append(" = f.record_id AND f.event_time <= x.ts AND f.write_time <= x.ts QUALIFY row_number() OVER (PARTITION BY x.row_no ")
                        .append("ORDER BY f.event_time DESC, f.write_seq DESC) = 1) ").append(a).append(" ON ").append(a).append(".row_no = e.row_no");
            }
        }
        return select.append(from).append(" ORDER BY e.row_no").toString();
    }

    private static String live(String alias, Part p) {
        return p.ttl() == null ? "true" : alias + ".event_time >= e.ts - to_milliseconds(" + p.ttl().toMillis() + ")";
    }

    private static String idColumn(FeatureGroup g, String alias) {
        return alias + (g.recordId().type() == FeatureType.INTEGRAL ? ".id_int" : ".id_txt");
    }

    private static String featureColumns(Part p, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (int pos : p.positions()) sb.append(", ").append(prefix).append(FeatureGroup.column(pos));
        return sb.toString();
    }

    /** Counts per group and feature; with {@code future}, what a join by id (each id's latest record) takes from after the entity time. */
    static JoinReport report(StoreSession s, Plan plan, String entities, String joined, long rows, boolean future) throws SQLException {
        List<JoinReport.GroupCounts> groups = new ArrayList<>();
        List<JoinReport.FeatureCounts> features = new ArrayList<>();
        int col = 0;
        for (int k = 0; k < plan.parts().size(); k++) {
            Part p = plan.parts().get(k);
            String st = "s" + k;
            StringBuilder q = new StringBuilder("SELECT count(*) FILTER (WHERE ").append(st).append(" = 1), count(*) FILTER (WHERE ").append(st)
                    .append(" = 2), count(*) FILTER (WHERE ").append(st).append(" = 3), count(*) FILTER (WHERE ").append(st).append(" = 0)");
            for (int i = 0; i < p.positions().size(); i++) q.append(", count(v").append(col + i).append(')');
            long[] c = counts(s, q.append(" FROM ").append(joined).toString(), 4 + p.positions().size());
            groups.add(new JoinReport.GroupCounts(p.group().name(), c[0], c[1], c[2], c[3]));
            long[] fut = new long[p.positions().size() * 2];
            if (future) {
                StringBuilder struct = new StringBuilder("{'et': event_time, 'del': is_deleted");
                for (int pos : p.positions()) struct.append(", '").append(FeatureGroup.column(pos)).append("': ").append(FeatureGroup.column(pos));
                struct.append('}');
                StringBuilder fq = new StringBuilder("WITH latest AS (SELECT record_id, arg_max(").append(struct)
                        .append(", (epoch_us(event_time)::HUGEINT * 18446744073709551616) + write_seq) AS r FROM ").append(p.group().table()).append(" GROUP BY record_id) SELECT ");
                for (int i = 0; i < p.positions().size(); i++) {
                    String v = "l.r." + FeatureGroup.column(p.positions().get(i));
                    String taken = "l.r.et > e.ts AND NOT l.r.del AND " + v + " IS NOT NULL";
                    if (i > 0) fq.append(", ");
                    fq.append("count(*) FILTER (WHERE ").append(taken).append("), count(*) FILTER (WHERE ").append(taken).append(" AND ").append(v)
                            .append(" IS DISTINCT FROM j.v").append(col + i).append(')');
                }
                fq.append(" FROM ").append(entities).append(" e JOIN ").append(joined).append(" j ON j.row_no = e.row_no LEFT JOIN latest l ON ")
                        .append(idColumn(p.group(), "e")).append(" = l.record_id");
                fut = counts(s, fq.toString(), p.positions().size() * 2);
            }
            for (int i = 0; i < p.positions().size(); i++) {
                features.add(new JoinReport.FeatureCounts(p.group().name(), p.group().features().get(p.positions().get(i)).name(), p.columns().get(i),
                        c[4 + i], future ? fut[2 * i] : -1, future ? fut[2 * i + 1] : -1));
            }
            col += p.positions().size();
        }
        return new JoinReport(rows, groups, features, future);
    }

    private static long[] counts(StoreSession s, String sql, int n) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement(sql); ResultSet r = ps.executeQuery()) {
            r.next();
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = r.getLong(i + 1);
            return out;
        }
    }

    /** The query's columns named for the report: row_no, s0, v0, v1, ..., s1, ... */
    static String namedQuery(Plan plan, String entities, boolean asKnown) {
        String q = query(plan, entities, asKnown);
        StringBuilder names = new StringBuilder("row_no");
        int col = 0;
        for (int k = 0; k < plan.parts().size(); k++) {
            names.append(", s").append(k);
            for (int i = 0; i < plan.parts().get(k).positions().size(); i++) names.append(", v").append(col++);
        }
        return "SELECT * FROM (" + q + ") AS t(" + names + ")";
    }

    // ------------------------------------------------------------------------------------------ the two forms

    static JoinResult ofTable(FeatureStore fs, Table entities, String entityId, String entityTime, List<GroupSelection> selections,
                              JoinOptions options) {
        Columns.require(entities, entityId, "entityId");
        Columns.require(entities, entityTime, "entityTime");
        return fs.store().read(s -> {
            Plan plan = plan(s, selections, entities.columnNames(), options.ttl());
            createEntities(s, "holdout_entities");
            loadEntities(s, "holdout_entities", entities, entityId, entityTime, plan.integerIds());
            finishEntities(s, "holdout_entities");
            s.execute("CREATE OR REPLACE TEMP TABLE holdout_joined AS " + namedQuery(plan, "holdout_entities", options.asKnown()));
            Table out = entities.copy();
            List<Column<?>> cols = new ArrayList<>();
            for (Part p : plan.parts()) {
                for (int i = 0; i < p.positions().size(); i++) {
                    String name = p.columns().get(i);
                    cols.add(switch (p.group().features().get(p.positions().get(i)).type()) {
                        case INTEGRAL -> LongColumn.create(name);
                        case FRACTIONAL -> DoubleColumn.create(name);
                        case STRING -> StringColumn.create(name);
                    });
                }
            }
            StringBuilder q = new StringBuilder("SELECT ");
            for (int i = 0; i < cols.size(); i++) q.append(i == 0 ? "" : ", ").append('v').append(i);
            try (PreparedStatement ps = s.connection().prepareStatement(q.append(" FROM holdout_joined ORDER BY row_no").toString());
                 ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    for (int i = 0; i < cols.size(); i++) {
                        Column<?> c = cols.get(i);
                        if (c instanceof LongColumn lc) {
                            long v = r.getLong(i + 1);
                            if (r.wasNull()) lc.appendMissing();
                            else lc.append(v);
                        } else if (c instanceof DoubleColumn dc) {
                            double v = r.getDouble(i + 1);
                            if (r.wasNull()) dc.appendMissing();
                            else dc.append(v);
                        } else {
                            String v = r.getString(i + 1);
                            if (v == null) ((StringColumn) c).appendMissing();
                            else ((StringColumn) c).append(v);
                        }
                    }
                }
            }
            for (Column<?> c : cols) out.addColumns(c);
            JoinReport report = report(s, plan, "holdout_entities", "holdout_joined", entities.rowCount(), options.report());
            s.execute("DROP TABLE holdout_joined");
            s.execute("DROP TABLE holdout_entities");
            return new JoinResult(out, report);
        });
    }

    static JoinReport ofCsv(FeatureStore fs, Path file, String entityId, String entityTime, List<GroupSelection> selections, JoinOptions options,
                            OutputFile output) {
        InputFiles.requireReadable(file, "--entities");
        List<String> header = CsvReader.open(file).header();
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        char delimiter = n.endsWith(".tsv") || n.endsWith(".tab") ? '\t' : ',';
        JoinReport[] report = new JoinReport[1];
        output.write(tmp -> fs.store().read(s -> {
            Plan plan = plan(s, selections, header, options.ttl());
            createEntities(s, "holdout_entities");
            long rows = loadEntities(s, "holdout_entities", file, entityId, entityTime, plan.integerIds());
            finishEntities(s, "holdout_entities");
            s.execute("CREATE OR REPLACE TEMP TABLE holdout_joined AS " + namedQuery(plan, "holdout_entities", options.asKnown()));
            try {
                write(s, plan, file, header, delimiter, tmp, rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            report[0] = report(s, plan, "holdout_entities", "holdout_joined", rows, options.report());
            s.execute("DROP TABLE holdout_joined");
            s.execute("DROP TABLE holdout_entities");
            return null;
        }));
        return report[0];
    }

    /** Each entity row's bytes as they were in the file, then the features in the join's order. */
    private static void write(StoreSession s, Plan plan, Path file, List<String> header, char delimiter, Path tmp, long rows)
            throws SQLException, IOException {
        List<FeatureType> types = new ArrayList<>();
        List<String> names = new ArrayList<>(header);
        for (Part p : plan.parts()) {
            for (int i = 0; i < p.positions().size(); i++) {
                types.add(p.group().features().get(p.positions().get(i)).type());
                names.add(p.columns().get(i));
            }
        }
        StringBuilder q = new StringBuilder("SELECT ");
        for (int i = 0; i < types.size(); i++) q.append(i == 0 ? "" : ", ").append('v').append(i);
        q.append(" FROM holdout_joined ORDER BY row_no");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) line.append(delimiter);
            CsvCells.text(line, names.get(i), delimiter);
        }
        line.append('\n');
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
             PreparedStatement ps = s.connection().prepareStatement(q.toString()); ResultSet r = ps.executeQuery();
             CsvReader.Batches batches = CsvReader.open(file).columns(header.get(0)).withType(header.get(0), ColumnKind.TEXT).batches(FeatureStore.BATCH_ROWS)) {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            for (CsvBatch b : batches) {
                for (int i = 0; i < b.rows(); i++) {
                    if (!r.next()) throw new IllegalStateException("the join returned fewer rows than the entity file has");
                    b.writeRecord(i, out);
                    line.setLength(0);
                    for (int j = 0; j < types.size(); j++) {
                        line.append(delimiter);
                        switch (types.get(j)) {
                            case INTEGRAL -> {
                                long v = r.getLong(j + 1);
                                if (!r.wasNull()) line.append(v);
                            }
                            case FRACTIONAL -> {
                                double v = r.getDouble(j + 1);
                                if (!r.wasNull()) line.append(CsvCells.number(v));
                            }
                            case STRING -> {
                                String v = r.getString(j + 1);
                                if (v != null) CsvCells.text(line, v, delimiter);
                            }
                        }
                    }
                    line.append('\n');
                    out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                    written++;
                }
            }
            if (r.next() || written != rows) throw new IllegalStateException("the join returned more rows than the entity file has");
        }
    }
}
