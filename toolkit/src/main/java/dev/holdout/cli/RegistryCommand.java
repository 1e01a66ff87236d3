package dev.holdout.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.StrictJson;
import dev.holdout.registry.ApprovalStatus;
import dev.holdout.registry.ModelRegistry;
import dev.holdout.registry.ModelVersion;
import dev.holdout.registry.StatusChange;
import dev.holdout.train.ModelReference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code holdout registry register|approve|reject|list|show|history}: the model registry on the store
 * ({@link ModelRegistry}).
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {"The model registry: numbered versions of model groups with their artifacts (SHA-256 content-addressed copies),",
                "model card, metrics, lineage and an approval status (PendingManualApproval, Approved, Rejected) whose every change",
                "is kept. predict --model takes NAME/N or NAME@approved (the latest approved version).",
                "A rejected version cannot be approved (register the job folder again for a new review)."},
        subcommands = {RegistryCommand.Register.class, RegistryCommand.Approve.class, RegistryCommand.Reject.class,
                RegistryCommand.ListVersions.class, RegistryCommand.Show.class, RegistryCommand.History.class})
final class RegistryCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    private static PrintWriter out(CommandLine.Model.CommandSpec spec) { return spec.commandLine().getOut(); }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a training job folder as the next version NAME/N of a model group (N from 1, never reused).")
    static final class Register implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin StoreOption store;
        @Mixin FormatOption format;

        @Option(names = "--group", required = true, paramLabel = "NAME", description = "The model group (letters, digits, '.', '_', '-').")
        String group;

        @Option(names = "--model", required = true, paramLabel = "JOB_FOLDER", description = "A finished training job's folder (holdout train --output).")
        Path model;

        @Option(names = "--description", paramLabel = "TEXT", description = "What this version is.")
        String description;

        @Option(names = "--status", paramLabel = "STATUS", defaultValue = "PendingManualApproval",
                description = "PendingManualApproval (default) or Approved.")
        String status;

        @Option(names = "--by", paramLabel = "WHO", description = "Who registers it (default: the user name).")
        String by;

        @Override public Integer call() {
            boolean json = format.json();
            ApprovalStatus s = ApprovalStatus.parse(status, "--status");
            ModelRegistry.checkGroup(group, "--group");
            ModelRegistry registry = ModelRegistry.open(store.store());
            ModelVersion v = by == null ? registry.register(group, model, description, s) : registry.register(group, model, description, s, by);
            PrintWriter out = out(spec);
            if (json) out.println(StrictJson.pretty(v.toJson()));
            else {
                out.println("registered " + v.ref() + " (" + v.status() + ") from " + v.sourceFolder());
                out.println("artifacts: sha256 " + v.artifactsSha256() + " in " + v.folder());
                if (v.experimentRun() != null) out.println("experiment run: " + v.experimentRun());
            }
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    /** approve and reject: one version, who and why. */
    abstract static class Change implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin StoreOption store;
        @Mixin FormatOption format;

        @Parameters(index = "0", paramLabel = "NAME/N", description = "The version, e.g. rain/3.")
        String version;

        @Option(names = "--by", required = true, paramLabel = "WHO", description = "Who decides.")
        String by;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept in the history).")
        String reason;

        abstract ApprovalStatus to();

        @Override public Integer call() {
            boolean json = format.json();
            ModelReference.Version ref = ModelRegistry.parseVersion(version, "NAME/N");
            ModelVersion v = ModelRegistry.open(store.store()).changeStatus(ref.name(), ref.version(), to(), by, reason);
            PrintWriter out = out(spec);
            if (json) out.println(StrictJson.pretty(v.toJson()));
            else out.println(v.ref() + " is now " + v.status() + " (by " + by.strip() + ": " + reason.strip() + ")");
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a version (PendingManualApproval -> Approved): it may then be deployed; NAME@approved is the latest approved.")
    static final class Approve extends Change {
        @Override ApprovalStatus to() { return ApprovalStatus.Approved; }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Reject a version (PendingManualApproval or Approved -> Rejected). A rejection is final.")
    static final class Reject extends Change {
        @Override ApprovalStatus to() { return ApprovalStatus.Rejected; }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered versions.")
    static final class ListVersions implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin StoreOption store;
        @Mixin FormatOption format;

        @Option(names = "--group", paramLabel = "NAME", description = "Only this group.")
        String group;

        @Option(names = "--status", paramLabel = "STATUS", description = "Only this status: PendingManualApproval, Approved or Rejected.")
        String status;

        @Override public Integer call() {
            boolean json = format.json();
            ApprovalStatus s = status == null ? null : ApprovalStatus.parse(status, "--status");
            List<ModelVersion> versions = ModelRegistry.open(store.store()).list(group, s);
            PrintWriter out = out(spec);
            if (json) {
                ArrayNode a = StrictJson.mapper().createArrayNode();
                for (ModelVersion v : versions) {
                    var o = a.addObject();
                    o.put("version", v.ref());
                    o.put("status", v.status().name());
                    o.put("registered_at", v.registeredAt().toString());
                    o.put("registered_by", v.registeredBy());
                    o.put("description", v.description());
                    o.put("artifacts_sha256", v.artifactsSha256());
                    o.set("metrics", v.metrics().path("final"));
                }
                out.println(StrictJson.pretty(a));
            } else if (versions.isEmpty()) {
                out.println("no registered versions" + (group != null || s != null ? " match" : " yet (holdout registry register --group NAME --model JOB_FOLDER)"));
            } else {
                TextTable t = new TextTable("VERSION", "STATUS", "REGISTERED", "BY", "SCORE", "DESCRIPTION");
                for (ModelVersion v : versions) {
                    t.row(v.ref(), v.status(), v.registeredAt().toString(), v.registeredBy(), headline(v), v.description().isEmpty() ? "-" : v.description());
                }
                out.print(t);
            }
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    /** The version's score: its eval metric at the best round ({@code auc=0.9965}), else its first validation metric. */
    static String headline(ModelVersion v) {
        var m = v.metrics();
        if (m.path("best_score").isNumber() && m.hasNonNull("metric")) return m.get("metric").asText() + "=" + fmt(m.get("best_score").asDouble());
        var fin = m.path("final");
        var part = fin.has("validation") ? fin.get("validation") : fin.path("train");
        var it = part.fields();
        if (it.hasNext()) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
            return e.getKey() + "=" + fmt(e.getValue().asDouble());
        }
        return "-";
    }

    static String fmt(double d) { return String.format(java.util.Locale.ROOT, "%.4f", d); }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one version: status, artifacts, metrics, lineage, its status changes.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin StoreOption store;
        @Mixin FormatOption format;

        @Parameters(index = "0", paramLabel = "NAME/N", description = "The version (rain/3), or NAME@approved.")
        String version;

        @Override public Integer call() {
            boolean json = format.json();
            ModelRegistry registry = ModelRegistry.open(store.store());
            ModelVersion v;
            if (version.contains("@")) {
                ModelReference ref = ModelReference.parse(version);
                if (!(ref instanceof ModelReference.Alias a)) throw DataValidationException.param("NAME/N", version, "is not a version", "e.g. rain/3 or rain@approved");
                registry.alias(a); // the same checks as predict: known alias, some version approved
                v = registry.latestApproved(a.name()).orElseThrow();
            } else {
                ModelReference.Version ref = ModelRegistry.parseVersion(version, "NAME/N");
                v = registry.get(ref.name(), ref.version());
            }
            List<StatusChange> changes = registry.changes(v.group(), v.version());
            PrintWriter out = out(spec);
            if (json) {
                var o = v.toJson();
                ArrayNode h = o.putArray("status_changes");
                changes.forEach(c -> h.add(c.toJson()));
                out.println(StrictJson.pretty(o));
            } else {
                out.println(v.ref() + "  " + v.status());
                out.println("  description:   " + (v.description().isEmpty() ? "-" : v.description()));
                out.println("  registered:    " + v.registeredAt() + " by " + v.registeredBy() + " from " + v.sourceFolder());
                out.println("  algorithm:     " + v.modelCard().path("algorithm").asText("-") + ", label " + v.modelCard().path("label").asText("-"));
                out.println("  metrics:       " + v.metrics().path("final"));
                out.println("  data:          " + v.lineage().path("data"));
                out.println("  experiment run: " + (v.experimentRun() == null ? "-" : v.experimentRun()));
                out.println("  artifacts:     sha256 " + v.artifactsSha256());
                out.println("  model folder:  " + v.modelFolder());
                out.println("  status changes:");
                for (StatusChange c : changes) out.println("    " + c);
            }
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Every status change of a group's versions, oldest first: which version was approved when, by whom and why.")
    static final class History implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin StoreOption store;
        @Mixin FormatOption format;

        @Parameters(index = "0", paramLabel = "NAME", description = "The model group.")
        String group;

        @Override public Integer call() {
            boolean json = format.json();
            List<StatusChange> changes = ModelRegistry.open(store.store()).history(group);
            PrintWriter out = out(spec);
            if (json) {
                ArrayNode a = StrictJson.mapper().createArrayNode();
                changes.forEach(c -> a.add(c.toJson()));
                out.println(StrictJson.pretty(a));
            } else {
                TextTable t = new TextTable("WHEN", "VERSION", "CHANGE", "BY", "REASON");
                String approved = null;
                for (StatusChange c : changes) {
                    t.row(c.at().toString(), c.ref(), c.from() == null ? "registered " + c.to() : c.from() + " -> " + c.to(), c.by(),
                            c.reason().isEmpty() ? "-" : c.reason());
                }
                out.print(t);
                for (ModelVersion v : ModelRegistry.open(store.store()).list(group, ApprovalStatus.Approved)) approved = v.ref();
                out.println(group + "@approved: " + (approved == null ? "none (no version is approved)" : approved));
            }
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }
}
