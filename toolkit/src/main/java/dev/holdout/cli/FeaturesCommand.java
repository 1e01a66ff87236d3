package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import dev.holdout.featurestore.FeatureAuditReport;
import dev.holdout.featurestore.FeatureStore;
import dev.holdout.featurestore.GroupSelection;
import dev.holdout.featurestore.GroupSummary;
import dev.holdout.featurestore.IngestResult;
import dev.holdout.featurestore.IngestSpec;
import dev.holdout.featurestore.JoinOptions;
import dev.holdout.featurestore.JoinReport;
import dev.holdout.featurestore.OnlineRecord;
import dev.holdout.io.OutputFile;
import dev.holdout.io.StrictJson;
import dev.holdout.split.Gap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout features <verb>}: the local Feature Store on the store file ({@code --store}, else
 * {@code HOLDOUT_STORE}, else {@code .holdout/store.duckdb}). Each verb is thin over
 * {@link dev.holdout.featurestore.FeatureStore}.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"A local Feature Store: feature groups (offline history + online latest), point-in-time joins that never",
                "take a value recorded after the entity time, and an audit of training tables built by hand."},
        subcommands = {
                FeaturesCommand.Ingest.class,
                FeaturesCommand.ListGroups.class,
                FeaturesCommand.Describe.class,
                FeaturesCommand.Get.class,
                FeaturesCommand.Delete.class,
                FeaturesCommand.Join.class,
                FeaturesCommand.Audit.class,
        })
final class FeaturesCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    static void checkFormat(String format) {
        if (!format.equals("table") && !format.equals("json")) {
            throw DataValidationException.param("--format", format, "must be table or json", "pass --format table or --format json");
        }
    }

    static Duration ttl(String text) {
        if (text == null) return null;
        Duration d = Gap.parse(text, "--ttl");
        if (d.isNegative() || d.isZero()) throw DataValidationException.param("--ttl", text, "must be a positive duration", "pass e.g. --ttl 30d");
        return d;
    }

    static List<GroupSelection> selections(List<String> groups) {
        return groups.stream().map(GroupSelection::parse).toList();
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Append a CSV to a feature group, creating the group on its first ingest (features and types from the file:",
                    "Integral, Fractional, String). Later files must have the group's columns and types. Every row gets write_time",
                    "(now) and is_deleted (false). One transaction: all rows or none. Streams files of any size."})
    static final class Ingest implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOption store;
        @Mixin TypesOption types;
        @Option(names = "--group", required = true, paramLabel = "NAME", description = "The feature group.") String group;
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV of records: record id, event time, features.") Path input;
        @Option(names = "--record-id", paramLabel = "COL", description = "The record id column (required for a new group).") String recordId;
        @Option(names = "--event-time", paramLabel = "COL",
                description = "The event time column: ISO dates, date-times (read as UTC) or instants with Z or an offset (required for a new group).")
        String eventTime;
        @Option(names = "--description", paramLabel = "TEXT", description = "What the group holds.") String description;
        @Option(names = "--ttl", paramLabel = "DURATION", description = "Time to live: a record older than this is expired (30d, 12h, P30D).") String ttl;

        @Override public Integer call() {
            IngestSpec s = IngestSpec.of(group, input, recordId, eventTime).withDescription(description).withTtl(FeaturesCommand.ttl(ttl))
                    .withTypes(types.kinds());
            long t0 = System.nanoTime();
            IngestResult r = FeatureStore.on(store.store()).ingest(s);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s in %.1f s; store %s%n", r, (System.nanoTime() - t0) / 1e9, store.store().file());
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The feature groups: rows, ids, deleted, event-time range, ingests.")
    static final class ListGroups implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOption store;
        @Option(names = "--format", defaultValue = "table", description = "table | json (default ${DEFAULT-VALUE}).") String format;

        @Override public Integer call() {
            checkFormat(format);
            List<GroupSummary> all = FeatureStore.on(store.store()).list();
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) out.print(StrictJson.pretty(all.stream().map(Describe::json).toList()) + "\n");
            else if (all.isEmpty()) out.println("no feature groups in " + store.store().file() + (store.store().exists() ? "" : " (it does not exist yet)"));
            else for (GroupSummary g : all) out.println(g.line());
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "A feature group: its features and types, counts, event-time range.")
    static final class Describe implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOption store;
        @CommandLine.Parameters(index = "0", paramLabel = "NAME", description = "The feature group.") String name;
        @Option(names = "--format", defaultValue = "table", description = "table | json (default ${DEFAULT-VALUE}).") String format;

        static java.util.Map<String, Object> json(GroupSummary g) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", g.group().name());
            m.put("description", g.group().description());
            m.put("record_id", java.util.Map.of("name", g.group().recordId().name(), "type", g.group().recordId().type().label()));
            m.put("event_time", g.group().eventTime());
            m.put("ttl", g.group().ttl().map(Duration::toString).orElse(null));
            m.put("features", g.group().features().stream().map(f -> java.util.Map.of("name", f.name(), "type", f.type().label())).toList());
            m.put("rows", g.rows());
            m.put("ids", g.ids());
            m.put("deleted", g.deleted());
            m.put("event_time_min", g.eventMin() == null ? null : g.eventMin().toString());
            m.put("event_time_max", g.eventMax() == null ? null : g.eventMax().toString());
            m.put("ingests", g.ingests());
            return m;
        }

        @Override public Integer call() {
            checkFormat(format);
            GroupSummary g = FeatureStore.on(store.store()).describe(name);
            PrintWriter out = spec.commandLine().getOut();
            out.print(format.equals("json") ? StrictJson.pretty(json(g)) + "\n" : g.toString());
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"The online store: the latest record of an id by event time (ties: the later write), or as it stood at --as-of.",
                    "With a group ttl, an expired record is reported as expired, never as present."})
    static final class Get implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOption store;
        @Option(names = "--group", required = true, paramLabel = "NAME", description = "The feature group.") String group;
        @Option(names = "--id", required = true, paramLabel = "VALUE", description = "The record id.") String id;
        @Option(names = "--as-of", paramLabel = "INSTANT", description = "The record as it stood then: only events up to this instant (2024-03-01T00:00:00Z; a time without a zone is UTC).") String asOf;
        @Option(names = "--format", defaultValue = "table", description = "table | json (default ${DEFAULT-VALUE}).") String format;

        @Override public Integer call() {
            checkFormat(format);
            Instant at = asOf == null ? null : dev.holdout.featurestore.FeatureStore.parseInstant(asOf, "--as-of");
            OnlineRecord r = FeatureStore.on(store.store()).get(group, id, at);
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("group", r.group());
                m.put("id", r.id());
                m.put("status", r.status().name().toLowerCase(Locale.ROOT));
                m.put("as_of", r.asOf() == null ? null : r.asOf().toString());
                m.put("event_time", r.eventTime() == null ? null : r.eventTime().toString());
                m.put("write_time", r.writeTime() == null ? null : r.writeTime().toString());
                m.put("values", r.values());
                out.print(StrictJson.pretty(m) + "\n");
            } else {
                out.print(r);
            }
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"A soft delete: a tombstone row (is_deleted true) at --event-time, which must be later than the id's latest event.",
                    "The online store no longer returns the id; joins see nothing of it from that time on; the history keeps every row."})
    static final class Delete implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOption store;
        @Option(names = "--group", required = true, paramLabel = "NAME", description = "The feature group.") String group;
        @Option(names = "--id", required = true, paramLabel = "VALUE", description = "The record id.") String id;
        @Option(names = "--event-time", required = true, paramLabel = "INSTANT", description = "When the record was deleted.") String eventTime;

        @Override public Integer call() {
            Instant t = FeatureStore.parseInstant(eventTime, "--event-time");
            FeatureStore.on(store.store()).delete(group, id, t);
            PrintWriter out = spec.commandLine().getOut();
            out.println("deleted " + group + " id=" + id + " at " + t + " (a tombstone; the history keeps every row)");
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "join", mixinStandardHelpOptions = true,
            description = {"Point-in-time join: for each entity row and group, the record of the same id with the latest event time at or",
                    "before the entity time (within --ttl), then the latest write (Feast's rule). Every entity row is kept, in order,",
                    "with all its columns, then the features (a name that collides is prefixed 'group.'). Same inputs, same bytes."})
    static final class Join implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOption store;
        @Option(names = "--entities", required = true, paramLabel = "FILE", description = "CSV of entity rows (an id and a time per row).") Path entities;
        @Option(names = "--entity-id", required = true, paramLabel = "COL", description = "The entity id column (matched to the groups' record ids).") String entityId;
        @Option(names = "--entity-time", required = true, paramLabel = "COL", description = "The entity time column (the prediction time).") String entityTime;
        @Option(names = "--group", required = true, paramLabel = "NAME[:f1,f2]", description = "A group and optionally its features (repeat for more groups).")
        List<String> groups;
        @Option(names = "--ttl", paramLabel = "DURATION", description = "Only records at most this old at the entity time (overrides the groups' ttl).") String ttl;
        @Option(names = "--as-known", description = "Bitemporal: only rows written by the entity time (for a store fed live; a late correction is not used earlier).")
        boolean asKnown;
        @Option(names = "--report", description = "Print per feature: rows matched, outside the ttl, and values a plain join by id would take from the future.")
        boolean report;
        @Option(names = "--output", required = true, paramLabel = "FILE", description = "The CSV to write (replaced once the new one is complete).") Path output;
        @Option(names = "--format", defaultValue = "table", description = "table | json: how to print the report (default ${DEFAULT-VALUE}).") String format;

        @Override public Integer call() {
            checkFormat(format);
            JoinOptions o = JoinOptions.DEFAULT.withTtl(FeaturesCommand.ttl(ttl)).asKnown(asKnown).withReport(report);
            Path storeFile = store.store().file();
            long t0 = System.nanoTime();
            JoinReport r;
            try (OutputFile out = OutputFile.at(output).named("--output").input("--entities", entities).input("--store", storeFile).claim()) {
                r = FeatureStore.on(store.store()).join(entities, entityId, entityTime, selections(groups), o, out);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) out.print(r.toJson());
            else {
                out.printf(Locale.ROOT, "joined %,d entity rows with %s -> %s in %.1f s%n", r.rows(), String.join(", ", groups), output,
                        (System.nanoTime() - t0) / 1e9);
                if (report) out.print(r);
            }
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = {"Check a training table built by hand: for each feature value, whether the store could have known it at the row's",
                    "entity time. Values recorded only later are reported (count, example rows, the feature). Exit code 3 when any is found."})
    static final class Audit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOption store;
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "The training table (CSV).") Path input;
        @Option(names = "--entity-id", required = true, paramLabel = "COL", description = "Its entity id column.") String entityId;
        @Option(names = "--entity-time", required = true, paramLabel = "COL", description = "Its entity time column (when each row's prediction is made).") String entityTime;
        @Option(names = "--group", required = true, paramLabel = "NAME[:f1,f2]", description = "A group whose features the table holds (repeatable).")
        List<String> groups;
        @Option(names = "--format", defaultValue = "table", description = "table | json (default ${DEFAULT-VALUE}).") String format;

        @Override public Integer call() {
            checkFormat(format);
            FeatureAuditReport r = FeatureStore.on(store.store()).audit(input, entityId, entityTime, selections(groups));
            PrintWriter out = spec.commandLine().getOut();
            out.print(format.equals("json") ? r.toJson() : r.toString());
            out.flush();
            return r.clean() ? HoldoutCli.EXIT_OK : HoldoutCli.EXIT_CHECK_FAILED;
        }
    }
}
