package dev.holdout.featurestore;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.Columns;
import dev.holdout.data.CsvBatch;
import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.InputFiles;
import dev.holdout.store.Store;
import dev.holdout.store.StoreSession;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.duckdb.DuckDBAppender;
import tech.tablesaw.api.Table;

/**
 * A local Feature Store on the {@link Store}: feature groups with an offline store (every record ever ingested,
 * with SageMaker's reserved {@code write_time} and {@code is_deleted}), an online view (the latest record of an id,
 * as of an instant, with a time to live), and point-in-time joins that never take a value recorded after the
 * entity time (Feast's rule). Training sets built this way are point-in-time correct by construction;
 * {@link #audit} checks a training table built some other way.
 *
 * <pre>{@code
 * FeatureStore fs = FeatureStore.on(Store.locate(null));
 * fs.ingest(IngestSpec.of("customers", Path.of("customer_events.csv"), "customer_id", "ts"));
 * fs.get("customers", "42", null);                                  // the latest record of customer 42
 * Table training = fs.join(entities, "customer_id", "prediction_time", List.of(GroupSelection.parse("customers")));
 * FeatureAuditReport audit = fs.audit(handMade, "customer_id", "prediction_time", List.of(GroupSelection.all("customers")));
 * }</pre>
 */
public final class FeatureStore {
    /** Rows per batch read from a CSV. */
    static final int BATCH_ROWS = 65_536;
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final Store store;
    private final Clock clock;

    private FeatureStore(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The feature store in {@code store}. */
    public static FeatureStore on(Store store) { return new FeatureStore(store, Clock.systemUTC()); }

    /**
     * The same store, stamping {@code write_time} from {@code clock}: for tests and lessons that replay a store fed
     * live (with {@code --as-known} joins), never to rewrite history.
     */
    public FeatureStore withClock(Clock c) { return new FeatureStore(store, c); }

    public Store store() { return store; }

    // ------------------------------------------------------------------------------------------ catalog

    /** Every group, by name (none when the store does not exist yet). */
    public List<FeatureGroup> groups() {
        if (!store.exists()) return List.of();
        return store.read(FeatureStore::groups);
    }

    static List<FeatureGroup> groups(StoreSession s) throws SQLException {
        List<Object[]> rows = s.query("SELECT id, name, record_id, record_id_type, event_time, description, ttl_ms FROM fs_groups ORDER BY name",
                r -> new Object[] {r.getInt(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getObject(7) == null ? null : r.getLong(7)});
        List<FeatureGroup> out = new ArrayList<>();
        for (Object[] r : rows) {
            int id = (Integer) r[0];
            List<Feature> fs = s.query("SELECT name, type FROM fs_features WHERE group_id = ? ORDER BY position",
                    x -> new Feature(x.getString(1), FeatureType.parse(x.getString(2))), id);
            out.add(new FeatureGroup(id, (String) r[1], new Feature((String) r[2], FeatureType.parse((String) r[3])), (String) r[4], fs,
                    (String) r[5], r[6] == null ? null : Duration.ofMillis((Long) r[6])));
        }
        return out;
    }

    /** The group of this name; an unknown name is an error with a suggestion. */
    public FeatureGroup group(String name) {
        if (!store.exists()) throw noGroup(name, List.of());
        return store.read(s -> group(s, name));
    }

    static FeatureGroup group(StoreSession s, String name) throws SQLException {
        List<FeatureGroup> all = groups(s);
        for (FeatureGroup g : all) if (g.name().equals(name)) return g;
        throw noGroup(name, all.stream().map(FeatureGroup::name).toList());
    }

    private static DataValidationException noGroup(String name, List<String> known) {
        String close = Columns.closest(name, known);
        return DataValidationException.param("--group", name, "no such feature group",
                (close != null ? "did you mean '" + close + "'? " : "") + (known.isEmpty() ? "the store has no groups yet: create one with holdout features ingest"
                        : "the groups are " + String.join(", ", known)));
    }

    /** Every group with its counts. */
    public List<GroupSummary> list() {
        if (!store.exists()) return List.of();
        return store.read(s -> {
            List<GroupSummary> out = new ArrayList<>();
            for (FeatureGroup g : groups(s)) out.add(summary(s, g));
            return out;
        });
    }

    /** One group with its counts. */
    public GroupSummary describe(String name) {
        if (!store.exists()) throw noGroup(name, List.of());
        return store.read(s -> summary(s, group(s, name)));
    }

    private static GroupSummary summary(StoreSession s, FeatureGroup g) throws SQLException {
        return s.first("SELECT count(*), count(DISTINCT record_id), count(*) FILTER (WHERE is_deleted), min(event_time), max(event_time), "
                        + "(SELECT count(*) FROM fs_writes WHERE group_id = ? AND kind = 'ingest') FROM " + g.table(),
                r -> new GroupSummary(g, r.getLong(1), r.getLong(2), r.getLong(3), instant(r, 4), instant(r, 5), r.getLong(6)),
                g.id()).orElseThrow();
    }

    /** A TIMESTAMP column (UTC, as the store keeps every time) as an instant; the JVM's time zone plays no part. */
    static Instant instant(java.sql.ResultSet r, int column) throws SQLException {
        java.time.LocalDateTime t = r.getObject(column, java.time.LocalDateTime.class);
        return t == null ? null : t.toInstant(java.time.ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------------------------------ ingest

    /**
     * Appends a CSV to a group, creating the group on its first ingest (features and types from the file: whole
     * numbers Integral, other numbers Fractional, anything else String). A later file must have the group's columns
     * and types — a new, missing or retyped column is an error naming it. One transaction: all rows or none.
     * The file is streamed in batches (bounded memory, any size).
     */
    public IngestResult ingest(IngestSpec spec) {
        checkGroupName(spec.group());
        Path input = spec.input();
        InputFiles.requireReadable(input, "--input");
        List<String> header = CsvReader.open(input).header();
        Instant writeTime = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what the store keeps
        // a store that does not exist yet has no group to take columns from: check the file before creating the store
        Checked pre = store.exists() ? null : check(spec, input, header, spec.recordId(), spec.eventTime());
        return store.write(s -> {
            Optional<FeatureGroup> existing = groups(s).stream().filter(g -> g.name().equals(spec.group())).findFirst();
            String recordId = spec.recordId() != null ? spec.recordId() : existing.map(g -> g.recordId().name()).orElse(null);
            String eventTime = spec.eventTime() != null ? spec.eventTime() : existing.map(FeatureGroup::eventTime).orElse(null);
            Checked c = pre != null && existing.isEmpty() ? pre : check(spec, input, header, recordId, eventTime);
            ColumnKind eventKind = c.eventKind();
            Map<String, ColumnKind> probed = c.kinds();
            FeatureGroup g;
            boolean created = existing.isEmpty();
            if (created) g = create(s, spec, header, recordId, eventTime, probed);
            else g = matchSchema(existing.get(), spec, header, recordId, eventTime, probed, input);
            long rows = append(s, g, input, eventKind, writeTime);
            if (!created && spec.ttl() != null) s.update("UPDATE fs_groups SET ttl_ms = ? WHERE id = ?", ttlMillis(spec.ttl()), g.id());
            if (!created && spec.description() != null) s.update("UPDATE fs_groups SET description = ? WHERE id = ?", spec.description(), g.id());
            FeatureGroup after = group(s, g.name());
            return new IngestResult(after, created, rows, writeTime);
        });
    }

    /** What an ingest learns from its file before writing: how to read the event time, and every column's kind. */
    private record Checked(ColumnKind eventKind, Map<String, ColumnKind> kinds) {}

    private static Checked check(IngestSpec spec, Path input, List<String> header, String recordId, String eventTime) {
        if (recordId == null) throw DataValidationException.param("--record-id", null, "is required for a new group", "name the record id column");
        if (eventTime == null) throw DataValidationException.param("--event-time", null, "is required for a new group", "name the event time column");
        requireColumn(header, recordId, "--record-id", input);
        requireColumn(header, eventTime, "--event-time", input);
        if (recordId.equals(eventTime)) {
            throw DataValidationException.param("--event-time", eventTime, "is also the record id column", "pass two different columns");
        }
        ColumnKind eventKind = Times.readingKind(input, eventTime, spec.types().get(eventTime), "--event-time");
        Map<String, ColumnKind> declared = new LinkedHashMap<>(spec.types());
        declared.put(eventTime, ColumnKind.TEXT); // read on its own terms above; here only the features' kinds matter
        return new Checked(eventKind, probe(input, header, declared));
    }

    private static void checkGroupName(String name) {
        if (name == null || !GROUP_NAME.matcher(name).matches()) {
            throw DataValidationException.param("--group", name, "is not a group name",
                    "use 1 to 64 letters, digits, '_' or '-', starting with a letter or digit");
        }
    }

    private static void requireColumn(List<String> header, String name, String param, Path input) {
        if (!header.contains(name)) throw Columns.unknown(param, name, header, input.toString());
    }

    /** The kinds of the file's columns, decided from its first batch (declared ones as declared). */
    private static Map<String, ColumnKind> probe(Path input, List<String> header, Map<String, ColumnKind> declared) {
        CsvReader r = CsvReader.open(input);
        for (Map.Entry<String, ColumnKind> e : declared.entrySet()) {
            if (!header.contains(e.getKey())) throw Columns.unknown("--types", e.getKey(), header, input.toString());
            r = r.withType(e.getKey(), e.getValue());
        }
        Map<String, ColumnKind> out = new LinkedHashMap<>();
        try (CsvReader.Batches b = r.limit(BATCH_ROWS).batches(BATCH_ROWS)) {
            CsvBatch first = b.hasNext() ? b.next() : null;
            for (String c : header) out.put(c, first == null ? declared.getOrDefault(c, ColumnKind.TEXT) : first.kind(c));
        }
        return out;
    }

    private FeatureGroup create(StoreSession s, IngestSpec spec, List<String> header, String recordId, String eventTime,
                                Map<String, ColumnKind> kinds) throws SQLException {
        ColumnKind idKind = kinds.get(recordId);
        FeatureType idType = idKind == ColumnKind.INTEGER ? FeatureType.INTEGRAL : idKind == ColumnKind.NUMBER ? null : FeatureType.STRING;
        if (idType == null) {
            throw DataValidationException.param("--record-id", recordId, "holds decimal numbers; a record id must be whole numbers or text",
                    "pass an id column, or read it as text: --types " + recordId + "=TEXT");
        }
        List<Feature> features = new ArrayList<>();
        for (String c : header) {
            if (c.equals(recordId) || c.equals(eventTime)) continue;
            for (String reserved : FeatureGroup.RESERVED) {
                if (c.equalsIgnoreCase(reserved)) {
                    throw DataValidationException.param("column", c, "is a reserved name (SageMaker Feature Store keeps write_time, is_deleted and "
                            + "api_invocation_time for itself)", "rename the column in " + spec.input());
                }
            }
            features.add(new Feature(c, FeatureType.of(kinds.get(c))));
        }
        if (features.isEmpty()) {
            throw DataValidationException.param("--input", spec.input(), "has no feature columns besides the record id and the event time",
                    "add the features to the file");
        }
        int id = (int) s.longValue("SELECT nextval('fs_group_ids')");
        s.update("INSERT INTO fs_groups (id, name, record_id, record_id_type, event_time, description, ttl_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, spec.group(), recordId, idType.label(), eventTime, spec.description(), spec.ttl() == null ? null : ttlMillis(spec.ttl()),
                timestamp(clock.instant()));
        StringBuilder ddl = new StringBuilder("CREATE TABLE fs_records_").append(id).append(" (record_id ").append(idType.sql())
                .append(" NOT NULL, event_time TIMESTAMP NOT NULL, write_time TIMESTAMP NOT NULL, is_deleted BOOLEAN NOT NULL, write_seq BIGINT NOT NULL");
        for (int i = 0; i < features.size(); i++) {
            s.update("INSERT INTO fs_features (group_id, position, name, type) VALUES (?, ?, ?, ?)", id, i, features.get(i).name(),
                    features.get(i).type().label());
            ddl.append(", ").append(FeatureGroup.column(i)).append(' ').append(features.get(i).type().sql());
        }
        s.execute(ddl.append(')').toString());
        return new FeatureGroup(id, spec.group(), new Feature(recordId, idType), eventTime, features, spec.description(), spec.ttl());
    }

    private static long ttlMillis(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw DataValidationException.param("--ttl", ttl, "must be a positive duration", "pass e.g. --ttl 30d, or leave it out for no time to live");
        }
        return ttl.toMillis();
    }

    /** A later ingest's file must have exactly the group's columns, with types that fit the group's. */
    private static FeatureGroup matchSchema(FeatureGroup g, IngestSpec spec, List<String> header, String recordId, String eventTime,
                                            Map<String, ColumnKind> kinds, Path input) {
        if (!recordId.equals(g.recordId().name())) {
            throw DataValidationException.param("--record-id", recordId, "group '" + g.name() + "' has record id '" + g.recordId().name() + "'",
                    "pass --record-id " + g.recordId().name() + " (or leave it out)");
        }
        if (!eventTime.equals(g.eventTime())) {
            throw DataValidationException.param("--event-time", eventTime, "group '" + g.name() + "' has event time '" + g.eventTime() + "'",
                    "pass --event-time " + g.eventTime() + " (or leave it out)");
        }
        for (String c : header) {
            if (c.equals(recordId) || c.equals(eventTime)) continue;
            if (g.feature(c).isEmpty()) {
                throw DataValidationException.param("column", c, "is not a feature of group '" + g.name() + "' (its features: "
                        + String.join(", ", g.featureNames()) + ")", "remove the column from " + input + ", or ingest it into a new group; nothing was written");
            }
        }
        for (Feature f : g.features()) {
            if (!header.contains(f.name())) {
                throw DataValidationException.param("column", f.name(), "is missing from " + input + ": group '" + g.name() + "' has it (" + f.type().label() + ")",
                        "add the column (empty cells are missing values); nothing was written");
            }
            ColumnKind k = kinds.get(f.name());
            boolean fits = switch (f.type()) {
                case INTEGRAL -> k == ColumnKind.INTEGER;
                case FRACTIONAL -> k == ColumnKind.INTEGER || k == ColumnKind.NUMBER;
                case STRING -> true;
            };
            boolean allMissing = k == ColumnKind.TEXT && f.type() != FeatureType.STRING && onlyMissing(input, f.name());
            if (!fits && !allMissing) {
                throw DataValidationException.param("column", f.name(), "has " + FeatureType.of(k).label() + " values in " + input + ", but group '"
                        + g.name() + "' stores it as " + f.type().label(), "fix the column's values, or ingest into a new group; nothing was written");
            }
        }
        ColumnKind idKind = kinds.get(recordId);
        if (g.recordId().type() == FeatureType.INTEGRAL && idKind != ColumnKind.INTEGER) {
            throw DataValidationException.param("column", recordId, "has " + FeatureType.of(idKind).label() + " values in " + input
                    + ", but group '" + g.name() + "' has Integral record ids", "fix the ids; nothing was written");
        }
        return g;
    }

    private static boolean onlyMissing(Path input, String column) {
        try (CsvReader.Batches b = CsvReader.open(input).columns(column).withType(column, ColumnKind.TEXT).limit(BATCH_ROWS).batches(BATCH_ROWS)) {
            if (!b.hasNext()) return true;
            CsvBatch first = b.next();
            int[] codes = first.codes(column);
            for (int c : codes) if (c >= 0) return false;
            return true;
        }
    }

    /** Streams the file into the group's table with DuckDB's appender; returns the rows. */
    private static long append(StoreSession s, FeatureGroup g, Path input, ColumnKind eventKind, Instant writeTime) throws SQLException {
        String because = "feature group '" + g.name() + "' stores it as ";
        CsvReader r = Times.typed(CsvReader.open(input), g.eventTime(), eventKind, "the event time is a date, date-time or instant");
        r = r.withType(g.recordId().name(), g.recordId().type().kind(), because + g.recordId().type().label());
        for (Feature f : g.features()) r = r.withType(f.name(), f.type().kind(), because + f.type().label());
        long seq = s.longValue("SELECT coalesce(max(write_seq), 0) + 1 FROM " + g.table());
        long first = seq;
        long writeMicros = writeTime.getEpochSecond() * 1_000_000L + writeTime.getNano() / 1000;
        long rows = 0;
        int n = g.features().size();
        boolean intId = g.recordId().type() == FeatureType.INTEGRAL;
        try (CsvReader.Batches batches = r.batches(BATCH_ROWS); DuckDBAppender a = s.appender(g.table())) {
            for (CsvBatch b : batches) {
                int m = b.rows();
                long[] ids = intId ? b.longs(g.recordId().name()) : null;
                String[] sids = intId ? null : b.strings(g.recordId().name());
                long[] et = Times.epochMillis(b, g.eventTime(), eventKind, input, "--event-time");
                Object[] cols = new Object[n];
                for (int j = 0; j < n; j++) {
                    Feature f = g.features().get(j);
                    cols[j] = switch (f.type()) {
                        case INTEGRAL -> b.longs(f.name());
                        case FRACTIONAL -> b.numbers(f.name());
                        case STRING -> b.strings(f.name());
                    };
                }
                for (int i = 0; i < m; i++) {
                    if (intId ? ids[i] == Long.MIN_VALUE : sids[i] == null) {
                        throw DataValidationException.at(input.toString(), b.line(i), g.recordId().name(), "", "the record id is missing; every row needs one");
                    }
                    if (et[i] == Long.MIN_VALUE) {
                        throw DataValidationException.at(input.toString(), b.line(i), g.eventTime(), "", "the event time is missing; every row needs one");
                    }
                    a.beginRow();
                    if (intId) a.append(ids[i]);
                    else a.append(sids[i]);
                    a.appendEpochMicros(et[i] * 1000);
                    a.appendEpochMicros(writeMicros);
                    a.append(false);
                    a.append(seq++);
                    for (int j = 0; j < n; j++) {
                        Object c = cols[j];
                        if (c instanceof long[] l) {
                            if (l[i] == Long.MIN_VALUE) a.appendNull();
                            else a.append(l[i]);
                        } else if (c instanceof double[] d) {
                            if (d[i] != d[i]) a.appendNull();
                            else a.append(d[i]);
                        } else {
                            String v = ((String[]) c)[i];
                            if (v == null) a.appendNull();
                            else a.append(v);
                        }
                    }
                    a.endRow();
                }
                rows += m;
            }
        }
        s.update("INSERT INTO fs_writes (group_id, kind, source, rows, first_seq, write_time) VALUES (?, 'ingest', ?, ?, ?, ?)", g.id(),
                input.toString(), rows, first, timestamp(writeTime));
        return rows;
    }

    /** An instant as the store's TIMESTAMP (UTC). */
    static java.time.LocalDateTime timestamp(Instant t) {
        return java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------------------------------ online

    /**
     * The online store's record of {@code id}: the latest by event time (ties: the later write), as it stood at
     * {@code asOf} (only events up to then, as a point-in-time join sees them) or now. With a time to live, a record older than it is
     * {@link OnlineRecord.Status#EXPIRED}, never present; a tombstone makes it {@link OnlineRecord.Status#DELETED}.
     */
    public OnlineRecord get(String group, String id, Instant asOf) {
        if (!store.exists()) throw noGroup(group, List.of());
        Instant at = asOf != null ? asOf : clock.instant();
        return store.read(s -> {
            FeatureGroup g = group(s, group);
            Object key = key(g, id, "--id");
            StringBuilder sql = new StringBuilder("SELECT event_time, write_time, is_deleted");
            for (int i = 0; i < g.features().size(); i++) sql.append(", ").append(FeatureGroup.column(i));
            sql.append(" FROM ").append(g.table()).append(" WHERE record_id = ? AND event_time <= ?");
            sql.append(" ORDER BY event_time DESC, write_seq DESC LIMIT 1");
            Object[] args = {key, timestamp(at)};
            Optional<OnlineRecord> rec = s.first(sql.toString(), r -> {
                Instant et = instant(r, 1), wt = instant(r, 2);
                boolean deleted = r.getBoolean(3);
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < g.features().size(); i++) values.put(g.features().get(i).name(), r.getObject(4 + i));
                OnlineRecord.Status st = deleted ? OnlineRecord.Status.DELETED
                        : g.ttl().isPresent() && et.plus(g.ttl().get()).isBefore(at) ? OnlineRecord.Status.EXPIRED : OnlineRecord.Status.PRESENT;
                return new OnlineRecord(g.name(), id, st, et, wt, asOf, st == OnlineRecord.Status.PRESENT ? values : Map.of());
            }, args);
            return rec.orElse(new OnlineRecord(g.name(), id, OnlineRecord.Status.ABSENT, null, null, asOf, Map.of()));
        });
    }

    private static Object key(FeatureGroup g, String id, String param) {
        if (id == null) throw DataValidationException.param(param, null, "is required", "pass the record id");
        if (g.recordId().type() != FeatureType.INTEGRAL) return id;
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw DataValidationException.param(param, id, "is not a whole number, but group '" + g.name() + "' has Integral record ids",
                    "pass the id as a whole number");
        }
    }

    /**
     * A soft delete (SageMaker's DeleteRecord, DeletionMode Soft): a tombstone row with {@code is_deleted} true at
     * {@code eventTime}, which must be later than the id's latest event. The online store no longer returns the id;
     * point-in-time joins see nothing of it from that instant on; the offline history keeps every row.
     */
    public void delete(String group, String id, Instant eventTime) {
        Objects.requireNonNull(eventTime, "eventTime");
        if (!store.exists()) throw noGroup(group, List.of());
        Instant writeTime = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        store.write(s -> {
            FeatureGroup g = group(s, group);
            Object key = key(g, id, "--id");
            Optional<Instant> latest = s.first("SELECT max(event_time) FROM " + g.table() + " WHERE record_id = ?",
                    r -> instant(r, 1), key);
            if (latest.isEmpty()) {
                throw DataValidationException.param("--id", id, "has no record in group '" + g.name() + "'", "pass an id the group holds");
            }
            if (!eventTime.isAfter(latest.get())) {
                throw DataValidationException.param("--event-time", eventTime, "must be later than the id's latest event time " + latest.get(),
                        "a delete is an event after the record's (SageMaker's rule): pass a later instant");
            }
            long seq = s.longValue("SELECT coalesce(max(write_seq), 0) + 1 FROM " + g.table());
            s.update("INSERT INTO " + g.table() + " (record_id, event_time, write_time, is_deleted, write_seq) VALUES (?, ?, ?, true, ?)",
                    key, timestamp(eventTime), timestamp(writeTime), seq);
            s.update("INSERT INTO fs_writes (group_id, kind, source, rows, first_seq, write_time) VALUES (?, 'delete', ?, 1, ?, ?)", g.id(), id, seq,
                    timestamp(writeTime));
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------ offline

    /**
     * The point-in-time join of an entity table: every entity row, in order, with all its columns, then the
     * requested features as of the row's entity time (see {@link PointInTimeJoin} for the rule).
     */
    public Table join(Table entities, String entityId, String entityTime, List<GroupSelection> groups) {
        return join(entities, entityId, entityTime, groups, JoinOptions.DEFAULT).table();
    }

    /** The same, with a time to live or {@code --as-known}, and the report of what the join found and avoided. */
    public JoinResult join(Table entities, String entityId, String entityTime, List<GroupSelection> groups, JoinOptions options) {
        return PointInTimeJoin.ofTable(this, entities, entityId, entityTime, groups, options);
    }

    /** The join of a CSV of entity rows into a CSV: each input row's bytes as they were, then the features. */
    public JoinReport join(Path entities, String entityId, String entityTime, List<GroupSelection> groups, JoinOptions options,
                           dev.holdout.io.OutputFile output) {
        return PointInTimeJoin.ofCsv(this, entities, entityId, entityTime, groups, options, output);
    }

    /**
     * Checks a training table built some other way: each feature value the store could not have known at the
     * row's entity time — one recorded only later — is reported.
     */
    public FeatureAuditReport audit(Path training, String entityId, String entityTime, List<GroupSelection> groups) {
        return FeatureAudit.run(this, training, entityId, entityTime, groups);
    }

    /** An instant as options take it: {@code 2024-03-01}, {@code 2024-03-01T12:00:00} (UTC) or {@code 2024-03-01T12:00:00+09:00}. */
    public static Instant parseInstant(String text, String param) { return Times.parse(text, param); }

    static String fmt(long v) { return String.format(Locale.ROOT, "%,d", v); }
}
