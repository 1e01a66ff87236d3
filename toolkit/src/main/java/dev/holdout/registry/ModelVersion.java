package dev.holdout.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One registered version {@code group/version} of a model group, as the registry keeps it: the artifacts (a
 * content-addressed copy of the job's model, spec, metrics and lineage files), the model card, the metrics, the
 * lineage and its approval status.
 *
 * <pre>{@code
 * ModelVersion v = registry.get("rain", 3);
 * v.ref();              // "rain/3"
 * v.status();           // PendingManualApproval
 * v.modelFolder();      // .holdout/store.duckdb.artifacts/sha256/4f/4f0c.../model  (what predict loads)
 * v.metrics().path("final").path("validation").path("auc").asDouble();
 * }</pre>
 *
 * @param group           the model group's name
 * @param version         the version number (from 1 within the group, never reused)
 * @param status          the approval status now
 * @param description     what the registering user wrote (may be empty)
 * @param registeredAt    when it was registered
 * @param registeredBy    who registered it
 * @param sourceFolder    the job folder it was registered from (absolute; the copy, not this folder, is the version)
 * @param artifactsSha256 the SHA-256 digest of the artifact tree ({@link dev.holdout.io.ContentHash})
 * @param modelSha256     the digest of the tree's {@code model/} folder (the same digest experiments record)
 * @param modelCard       the job's {@code model/model-card.json}
 * @param metrics         the job's {@code output/metrics.json} (empty when the job had none)
 * @param lineage         where it came from: the job spec, the data fingerprints, the split manifests, the fitted
 *                        preprocessor's digest, the experiment run
 * @param experimentRun   the experiment run that trained it, when one was recorded with the same model
 * @param folder          the artifact tree's folder in the store's artifacts folder
 */
public record ModelVersion(String group, int version, ApprovalStatus status, String description, Instant registeredAt,
                           String registeredBy, String sourceFolder, String artifactsSha256, String modelSha256,
                           ObjectNode modelCard, ObjectNode metrics, ObjectNode lineage, Long experimentRun, Path folder) {
    public ModelVersion {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(folder, "folder");
    }

    /** {@code group/version}, as {@code predict --model} takes it. */
    public String ref() { return group + "/" + version; }

    /** The model folder to load (the tree's {@code model/}: model, fitted preprocessor, model card). */
    public Path modelFolder() { return folder.resolve(ModelRegistry.MODEL); }

    /** The experiment run, if one is linked. */
    public OptionalLong run() { return experimentRun == null ? OptionalLong.empty() : OptionalLong.of(experimentRun); }

    /** As {@code holdout registry show --format json} prints it. */
    public ObjectNode toJson() {
        ObjectNode o = dev.holdout.io.StrictJson.mapper().createObjectNode();
        o.put("version", ref());
        o.put("group", group);
        o.put("number", version);
        o.put("status", status.name());
        o.put("description", description);
        o.put("registered_at", registeredAt.toString());
        o.put("registered_by", registeredBy);
        o.put("source_folder", sourceFolder);
        o.put("artifacts_sha256", artifactsSha256);
        o.put("model_sha256", modelSha256);
        o.put("model_folder", modelFolder().toString());
        if (experimentRun == null) o.putNull("experiment_run");
        else o.put("experiment_run", experimentRun);
        o.set("metrics", metrics);
        o.set("model_card", modelCard);
        o.set("lineage", lineage);
        return o;
    }

    @Override public String toString() { return ref() + " (" + status + ")"; }
}
