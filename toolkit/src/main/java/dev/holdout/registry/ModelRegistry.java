package dev.holdout.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.ContentHash;
import dev.holdout.io.StrictJson;
import dev.holdout.store.Store;
import dev.holdout.store.StoreSession;
import dev.holdout.train.ModelReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The model registry on the store: model groups of numbered versions, each a content-addressed copy of a training
 * job's model with its card, metrics and lineage, and an approval status whose every change is kept.
 *
 * <pre>{@code
 * ModelRegistry registry = ModelRegistry.open(Store.locate(null));
 * ModelVersion v = registry.register("rain", Path.of("runs/rain"), "first XGBoost model", ApprovalStatus.PendingManualApproval);
 * registry.approve("rain", v.version(), "ana", "AUC 0.91 on the 2015 validation rows");
 * Path model = ModelReference.parse("rain@approved").resolve(registry);   // the latest approved version's model folder
 * registry.history("rain");                                                 // every status change, oldest first
 * }</pre>
 *
 * <p>What holds, and how:
 * <ul>
 *   <li><b>Artifacts cannot change.</b> The job's {@code model/}, {@code input/config/}, {@code output/metrics.json},
 *       learning curve and log (and the split manifest its train data came from, as {@code lineage/}) are copied,
 *       hashing the bytes as they are written, into {@code <store file>.artifacts/sha256/<2>/<digest>/}: the
 *       folder is named by the SHA-256 of its listing, so a later change to the job folder cannot change a
 *       registered model, and the same model registered twice is stored once. Loading a version re-hashes its
 *       files and refuses one that changed.</li>
 *   <li><b>No half versions.</b> The tree is copied under a temporary name, synced, and renamed into place before
 *       the version's rows are written in one transaction; a process killed before the commit leaves at most a
 *       complete tree that no version names (used again by the next registration of that model) or a temporary
 *       folder (removed by the next registration).</li>
 *   <li><b>Versions N and N+1.</b> The number is taken inside the write transaction from the group's counter;
 *       the store lets one writer in at a time and makes the others wait (bounded, {@code --store-wait}), so two
 *       registrations at once get consecutive numbers, neither lost nor duplicated. A number is never reused.</li>
 *   <li><b>Status changes.</b> {@link ApprovalStatus} documents the rule; every change is a row with who, when and
 *       why; {@link #history} lists them.</li>
 * </ul>
 */
public final class ModelRegistry implements ModelReference.Registry {
    /** The model folder inside an artifact tree. */
    static final String MODEL = "model";
    /** The aliases {@code NAME@ALIAS} resolves. */
    public static final String APPROVED = "approved";
    private static final Pattern NOT_A_NAME_CHAR = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern TMP = Pattern.compile("(\\d+)-\\d+");

    private final Store store;

    private ModelRegistry(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The registry in {@code store} (nothing is opened until a call needs it). */
    public static ModelRegistry open(Store store) { return new ModelRegistry(store); }

    /** The store it lives in. */
    public Store store() { return store; }

    /** Where artifact trees are kept: the folder {@code <store file>.artifacts} beside the store's file. */
    public Path artifactsRoot() {
        Path f = store.file().toAbsolutePath().normalize();
        return f.resolveSibling(f.getFileName() + ".artifacts");
    }

    // ------------------------------------------------------------------------------------------ names

    /**
     * Checks a group name: letters, digits, {@code . _ -}, starting with a letter or digit. {@code /} and {@code @}
     * are refused by name because they separate a group from a version ({@code NAME/N}) and an alias
     * ({@code NAME@approved}).
     */
    public static String checkGroup(String group, String param) {
        if (group == null || group.isBlank()) {
            throw DataValidationException.param(param, "''", "a model group name is required", "e.g. " + param + " rain");
        }
        if (group.contains("/") || group.contains("@")) {
            throw DataValidationException.param(param, group, "must not contain '/' or '@': they separate a group from a version (NAME/N) "
                    + "and from an alias (NAME@approved)", "use letters, digits, '.', '_' or '-', e.g. " + suggestion(group));
        }
        if (!ModelReference.NAME.matcher(group).matches()) {
            throw DataValidationException.param(param, group, "is not a model group name (letters, digits, '.', '_', '-', starting with a letter "
                    + "or digit, at most 128 characters)", "e.g. " + suggestion(group));
        }
        return group;
    }

    private static String suggestion(String group) {
        String s = NOT_A_NAME_CHAR.matcher(group).replaceAll("-").replaceAll("^[._-]+", "");
        if (s.isEmpty()) s = "rain";
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    /** Reads {@code NAME/N} (a version, as {@code approve}, {@code reject} and {@code show} take it). */
    public static ModelReference.Version parseVersion(String text, String param) {
        String t = text == null ? "" : text.trim();
        Matcher m = ModelReference.VERSION.matcher(t);
        if (m.matches()) return new ModelReference.Version(m.group(1), Integer.parseInt(m.group(2)));
        int slash = t.lastIndexOf('/');
        if (slash > 0) checkGroup(t.substring(0, slash), param);
        throw DataValidationException.param(param, text, "is not a registered version NAME/N", "e.g. rain/3 (holdout registry list shows the versions)");
    }

    // ------------------------------------------------------------------------------------------ register

    /** Registers the job folder as a new version of {@code group}, by the user running this JVM. */
    public ModelVersion register(String group, Path jobFolder, String description, ApprovalStatus status) {
        return register(group, jobFolder, description, status, defaultUser());
    }

    /**
     * Registers the training job folder {@code jobFolder} (or its {@code model/} folder) as version N of
     * {@code group}, N one more than the last version the group ever had (1 for a new group).
     *
     * @param status PendingManualApproval (the usual start) or Approved; a version is never registered Rejected
     * @throws DataValidationException (exit 2) for a bad group name or status, or a folder that is not a finished
     *                                 training job
     */
    public ModelVersion register(String group, Path jobFolder, String description, ApprovalStatus status, String by) {
        checkGroup(group, "--group");
        Objects.requireNonNull(status, "status");
        if (status == ApprovalStatus.Rejected) {
            throw DataValidationException.param("--status", status, "a version is registered PendingManualApproval or Approved",
                    "register it PendingManualApproval and reject it with holdout registry reject, so the reason is kept");
        }
        String who = checkWho(by, "--by");
        String desc = description == null ? "" : description.strip();
        Path job = jobFolder(jobFolder);
        Map<Path, String> files = filesToKeep(job);
        ContentHash.Tree tree = storeTree(files);
        Path folder = treeFolder(tree.digest());
        ObjectNode card = readObject(folder.resolve(MODEL).resolve("model-card.json"));
        Path metricsFile = folder.resolve("output/metrics.json");
        ObjectNode metrics = Files.isRegularFile(metricsFile) ? readObject(metricsFile) : StrictJson.mapper().createObjectNode();
        String modelSha = tree.under(MODEL).digest();
        Instant now = Instant.now();
        return store.write(s -> {
            long next = s.first("SELECT next_version FROM reg_groups WHERE name = ?", r -> r.getLong(1), group).orElse(-1L);
            int version;
            if (next < 0) {
                version = 1;
                s.update("INSERT INTO reg_groups (name, created_at, next_version) VALUES (?, ?, ?)", group, Timestamp.from(now), 2);
            } else {
                version = (int) next;
                s.update("UPDATE reg_groups SET next_version = ? WHERE name = ?", version + 1, group);
            }
            Long run = s.first("SELECT max(run_id) FROM exp_runs WHERE model_sha256 = ?", r -> {
                long v = r.getLong(1);
                return r.wasNull() ? null : v;
            }, modelSha).orElse(null);
            ObjectNode lineage = lineage(job, card, folder, tree, run);
            if (s.longValue("SELECT count(*) FROM reg_artifacts WHERE artifacts_sha256 = ?", tree.digest()) == 0) {
                for (Map.Entry<String, ContentHash.Entry> e : tree.files().entrySet()) {
                    s.update("INSERT INTO reg_artifacts (artifacts_sha256, path, sha256, bytes) VALUES (?, ?, ?, ?)",
                            tree.digest(), e.getKey(), e.getValue().sha256(), e.getValue().bytes());
                }
            }
            s.update("INSERT INTO reg_versions (group_name, version, status, description, registered_at, registered_by, source_folder,"
                            + " artifacts_sha256, model_sha256, model_card, metrics, lineage, experiment_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    group, version, status.name(), desc, Timestamp.from(now), who, job.toString(), tree.digest(), modelSha,
                    StrictJson.pretty(card), StrictJson.pretty(metrics), StrictJson.pretty(lineage), run);
            s.update("INSERT INTO reg_status_changes (group_name, version, seq, from_status, to_status, changed_at, changed_by, reason)"
                    + " VALUES (?, ?, 1, NULL, ?, ?, ?, ?)", group, version, status.name(), Timestamp.from(now), who, desc);
            return new ModelVersion(group, version, status, desc, now, who, job.toString(), tree.digest(), modelSha, card, metrics,
                    lineage, run, folder);
        });
    }

    /** The job folder behind {@code path}: the folder itself, or the parent of a job's {@code model/}. */
    private static Path jobFolder(Path path) {
        Objects.requireNonNull(path, "jobFolder");
        if (!Files.exists(path)) {
            throw DataValidationException.param("--model", path, "no such job folder", "pass a finished training job's folder (holdout train --output DIR)");
        }
        if (!Files.isDirectory(path)) {
            throw DataValidationException.param("--model", path, "is a file, not a job folder", "pass the training job's folder (holdout train --output DIR)");
        }
        Path abs = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs.resolve(MODEL)) && Files.isRegularFile(abs.resolve("model-card.json")) && abs.getFileName().toString().equals(MODEL)) {
            abs = abs.getParent();
        }
        if (Files.exists(abs.resolve("output/failure")) && !Files.isRegularFile(abs.resolve("model/model-card.json"))) {
            throw DataValidationException.param("--model", path, "is a failed training job (it has output/failure and no model)",
                    "register a job that succeeded; the reason it failed is in " + abs.resolve("output/failure"));
        }
        if (!Files.isRegularFile(abs.resolve("model/model-card.json"))) {
            throw DataValidationException.param("--model", path, "is not a training job folder (no model/model-card.json)",
                    "pass the folder holdout train --output wrote, e.g. runs/rain");
        }
        return abs;
    }

    /** What a version keeps, by the relative path it has in the tree: the model, the spec, the metrics, the split manifest. */
    private static Map<Path, String> filesToKeep(Path job) {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path f : ContentHash.regularFiles(job.resolve(MODEL))) out.put(f, MODEL + "/" + ContentHash.relative(job.resolve(MODEL), f));
        Path config = job.resolve("input/config");
        if (Files.isDirectory(config)) {
            for (Path f : ContentHash.regularFiles(config)) out.put(f, "input/config/" + ContentHash.relative(config, f));
        }
        for (String o : List.of("output/metrics.json", "output/learning-curve.png", "output/training.log")) {
            if (Files.isRegularFile(job.resolve(o))) out.put(job.resolve(o), o);
        }
        // the split manifest beside the train data (holdout split writes split.json next to its parts)
        ObjectNode card = readObject(job.resolve("model/model-card.json"));
        for (String part : List.of("train", "validation")) {
            String source = card.path("data").path(part).path("source").asText("");
            if (source.isEmpty()) continue;
            try {
                Path src = Path.of(source);
                Path manifest = src.toAbsolutePath().normalize().resolveSibling("split.json");
                if (Files.isRegularFile(manifest) && !out.containsKey(manifest)) out.put(manifest, "lineage/split.json");
            } catch (RuntimeException notAPath) {
                // an in-memory channel: no manifest
            }
        }
        return out;
    }

    /**
     * Copies the files into a temporary folder under the artifacts root, hashing what is written, syncs them and
     * renames the folder to its digest (or drops it when that tree is already there and intact).
     */
    private ContentHash.Tree storeTree(Map<Path, String> files) {
        Path root = artifactsRoot();
        Path tmpRoot = root.resolve("tmp");
        try {
            Files.createDirectories(tmpRoot);
            removeStaleTemporaries(tmpRoot);
            Path tmp = tmpRoot.resolve(ProcessHandle.current().pid() + "-" + System.nanoTime());
            Files.createDirectory(tmp);
            try {
                Map<String, ContentHash.Entry> entries = new TreeMap<>();
                for (Map.Entry<Path, String> f : files.entrySet()) {
                    Path to = tmp.resolve(f.getValue());
                    Files.createDirectories(to.getParent());
                    try (InputStream in = Files.newInputStream(f.getKey());
                         FileChannel ch = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                         OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                        entries.put(f.getValue(), ContentHash.copy(in, out));
                        ch.force(true);
                    }
                    to.toFile().setWritable(false, false);
                }
                ContentHash.Tree tree = ContentHash.Tree.of(entries);
                syncFolders(tmp);
                Path target = treeFolder(tree.digest());
                Files.createDirectories(target.getParent());
                if (Files.isDirectory(target)) {
                    if (intact(target, tree)) return tree;
                    // a tree whose files were changed by hand: keep it aside for inspection and store ours
                    Files.move(target, target.resolveSibling(target.getFileName() + ".damaged-" + System.nanoTime()));
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                    // another registration stored the same tree meanwhile: theirs is as good as ours
                } catch (AtomicMoveNotSupportedException e) {
                    throw new UncheckedIOException("the registry's artifacts folder " + root + " does not allow atomic renames", e);
                }
                syncFolder(target.getParent());
                return tree;
            } finally {
                deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the model's artifacts under " + root + ": " + e.getMessage(), e);
        }
    }

    /** The folder of the tree with {@code digest}. */
    Path treeFolder(String digest) {
        return artifactsRoot().resolve("sha256").resolve(digest.substring(0, 2)).resolve(digest);
    }

    private static boolean intact(Path folder, ContentHash.Tree expected) {
        try {
            return ContentHash.folder(folder).equals(expected);
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Temporary folders of registrations whose process is gone (killed mid-copy). */
    private static void removeStaleTemporaries(Path tmpRoot) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmpRoot)) {
            for (Path p : ds) {
                Matcher m = TMP.matcher(p.getFileName().toString());
                if (!m.matches()) continue;
                long pid = Long.parseLong(m.group(1));
                boolean alive = pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) deleteTree(p);
            }
        } catch (IOException | RuntimeException e) {
            // leftovers cost space only; the next registration tries again
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary folder: removed by the next registration
        }
    }

    private static void syncFolders(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isDirectory).toList()) syncFolder(p);
        }
    }

    /** Makes a folder's entries durable (Linux allows fsync on a folder; elsewhere this is skipped). */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // not every platform can sync a folder
        }
    }

    private ObjectNode lineage(Path job, ObjectNode card, Path folder, ContentHash.Tree tree, Long run) {
        ObjectNode l = StrictJson.mapper().createObjectNode();
        l.put("job_folder", job.toString());
        l.put("job", card.path("job").asText(""));
        l.put("algorithm", card.path("algorithm").asText(""));
        if (card.has("data")) l.set("data", card.get("data"));
        Path spec = folder.resolve("input/config/job.json");
        if (Files.isRegularFile(spec)) l.set("job_spec", readObject(spec));
        ContentHash.Entry pre = tree.files().get(MODEL + "/preprocessor.json");
        if (pre != null) l.put("preprocessor_sha256", pre.sha256());
        Path split = folder.resolve("lineage/split.json");
        if (Files.isRegularFile(split)) l.set("split_manifest", readObject(split));
        if (run != null) l.put("experiment_run", run);
        else l.putNull("experiment_run");
        return l;
    }

    // ------------------------------------------------------------------------------------------ status changes

    /** Approves {@code group/version}: it may then be deployed, and {@code group@approved} names it if it is the latest approved. */
    public ModelVersion approve(String group, int version, String by, String reason) {
        return changeStatus(group, version, ApprovalStatus.Approved, by, reason);
    }

    /** Rejects {@code group/version} (for ever: see {@link ApprovalStatus}). */
    public ModelVersion reject(String group, int version, String by, String reason) {
        return changeStatus(group, version, ApprovalStatus.Rejected, by, reason);
    }

    /** Changes the status by the rule in {@link ApprovalStatus}, keeping who, when and why. */
    public ModelVersion changeStatus(String group, int version, ApprovalStatus to, String by, String reason) {
        checkGroup(group, "version");
        String who = checkWho(by, "--by");
        if (reason == null || reason.isBlank()) {
            throw DataValidationException.param("--reason", "''", "a reason is required for every status change",
                    "say why, e.g. --reason \"AUC 0.91 on the 2015 validation rows\"");
        }
        String why = reason.strip();
        Instant now = Instant.now();
        return store.write(s -> {
            ModelVersion v = require(s, group, version);
            if (v.status() == to) {
                List<StatusChange> all = changes(s, group, version);
                StatusChange last = all.get(all.size() - 1);
                throw DataValidationException.param("version", v.ref(), "is already " + to + " (by " + last.by() + " at " + last.at() + ")",
                        "nothing to change; holdout registry history " + group + " shows every change");
            }
            if (!v.status().canBecome(to)) {
                throw DataValidationException.param("version", v.ref(), "is " + v.status() + ", and a rejected version cannot be " + to.lower()
                                + " (a rejection is final)",
                        "register the job folder again (holdout registry register --group " + group + " --model " + v.sourceFolder()
                                + ") for a new version with its own review");
            }
            int seq = (int) s.longValue("SELECT max(seq) FROM reg_status_changes WHERE group_name = ? AND version = ?", group, version) + 1;
            s.update("UPDATE reg_versions SET status = ? WHERE group_name = ? AND version = ?", to.name(), group, version);
            s.update("INSERT INTO reg_status_changes (group_name, version, seq, from_status, to_status, changed_at, changed_by, reason)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", group, version, seq, v.status().name(), to.name(), Timestamp.from(now), who, why);
            return new ModelVersion(v.group(), v.version(), to, v.description(), v.registeredAt(), v.registeredBy(), v.sourceFolder(),
                    v.artifactsSha256(), v.modelSha256(), v.modelCard(), v.metrics(), v.lineage(), v.experimentRun(), v.folder());
        });
    }

    private static String checkWho(String by, String param) {
        if (by == null || by.isBlank()) {
            throw DataValidationException.param(param, "''", "who makes the change is required", "e.g. " + param + " ana");
        }
        return by.strip();
    }

    static String defaultUser() {
        String u = System.getProperty("user.name");
        return u == null || u.isBlank() ? "unknown" : u;
    }

    // ------------------------------------------------------------------------------------------ reading

    /** Every version, newest group-version last; {@code group} and {@code status} filter when not null. */
    public List<ModelVersion> list(String group, ApprovalStatus status) {
        if (group != null) checkGroup(group, "--group");
        if (!store.exists()) return List.of();
        return store.read(s -> {
            StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
            List<Object> args = new ArrayList<>();
            if (group != null) {
                sql.append(" AND group_name = ?");
                args.add(group);
            }
            if (status != null) {
                sql.append(" AND status = ?");
                args.add(status.name());
            }
            sql.append(" ORDER BY group_name, version");
            return s.query(sql.toString(), this::version, args.toArray());
        });
    }

    /** The names of the groups, sorted. */
    public List<String> groups() {
        if (!store.exists()) return List.of();
        return store.read(s -> s.query("SELECT name FROM reg_groups ORDER BY name", r -> r.getString(1)));
    }

    /** Version {@code version} of {@code group}, if it was registered. */
    public Optional<ModelVersion> find(String group, int version) {
        checkGroup(group, "version");
        if (!store.exists()) return Optional.empty();
        return store.read(s -> find(s, group, version));
    }

    /** Version {@code version} of {@code group}; a clear error (exit 2, naming the versions there are) when there is none. */
    public ModelVersion get(String group, int version) {
        checkGroup(group, "version");
        if (!store.exists()) throw noStore(group + "/" + version);
        return store.read(s -> require(s, group, version));
    }

    /** The latest (highest-numbered) approved version of {@code group}, if any. */
    public Optional<ModelVersion> latestApproved(String group) {
        checkGroup(group, "version");
        if (!store.exists()) return Optional.empty();
        return store.read(s -> s.first(SELECT + " WHERE group_name = ? AND status = 'Approved' ORDER BY version DESC LIMIT 1", this::version, group));
    }

    /** Every status change of the group's versions (registrations included), in the order they happened. */
    public List<StatusChange> history(String group) {
        checkGroup(group, "NAME");
        if (!store.exists()) throw noStore(group);
        return store.read(s -> {
            if (s.longValue("SELECT count(*) FROM reg_groups WHERE name = ?", group) == 0) throw noSuchGroup(s, group);
            return s.query("SELECT group_name, version, seq, from_status, to_status, changed_at, changed_by, reason FROM reg_status_changes"
                    + " WHERE group_name = ? ORDER BY changed_at, version, seq", ModelRegistry::change, group);
        });
    }

    /** The status changes of one version, oldest first. */
    public List<StatusChange> changes(String group, int version) {
        get(group, version);
        return store.read(s -> changes(s, group, version));
    }

    private static List<StatusChange> changes(StoreSession s, String group, int version) throws SQLException {
        return s.query("SELECT group_name, version, seq, from_status, to_status, changed_at, changed_by, reason FROM reg_status_changes"
                + " WHERE group_name = ? AND version = ? ORDER BY seq", ModelRegistry::change, group, version);
    }

    private static StatusChange change(ResultSet r) throws SQLException {
        String from = r.getString(4);
        return new StatusChange(r.getString(1), r.getInt(2), r.getInt(3), from == null ? null : ApprovalStatus.valueOf(from),
                ApprovalStatus.valueOf(r.getString(5)), r.getTimestamp(6).toInstant(), r.getString(7), r.getString(8));
    }

    private static final String SELECT = "SELECT group_name, version, status, description, registered_at, registered_by, source_folder,"
            + " artifacts_sha256, model_sha256, model_card, metrics, lineage, experiment_run FROM reg_versions";

    private Optional<ModelVersion> find(StoreSession s, String group, int version) throws SQLException {
        return s.first(SELECT + " WHERE group_name = ? AND version = ?", this::version, group, version);
    }

    private ModelVersion require(StoreSession s, String group, int version) throws SQLException {
        Optional<ModelVersion> v = find(s, group, version);
        if (v.isEmpty()) throw noSuchVersion(s, group, version);
        return v.get();
    }

    private ModelVersion version(ResultSet r) throws SQLException {
        long run = r.getLong(13);
        Long runId = r.wasNull() ? null : run;
        return new ModelVersion(r.getString(1), r.getInt(2), ApprovalStatus.valueOf(r.getString(3)), r.getString(4),
                r.getTimestamp(5).toInstant(), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                parseObject(r.getString(10)), parseObject(r.getString(11)), parseObject(r.getString(12)), runId, treeFolder(r.getString(8)));
    }

    private static DataValidationException noSuchVersion(StoreSession s, String group, int version) throws SQLException {
        List<Integer> versions = s.query("SELECT version FROM reg_versions WHERE group_name = ? ORDER BY version", r -> r.getInt(1), group);
        if (versions.isEmpty()) return noSuchGroup(s, group);
        return DataValidationException.param("version", group + "/" + version, "does not exist: " + group + " has versions "
                        + ranges(versions), "pass one of them, e.g. " + group + "/" + versions.get(versions.size() - 1));
    }

    private static DataValidationException noSuchGroup(StoreSession s, String group) throws SQLException {
        List<String> groups = s.query("SELECT name FROM reg_groups ORDER BY name", r -> r.getString(1));
        String known = groups.isEmpty() ? "the registry has no model groups yet" : "the groups are " + String.join(", ", groups.size() > 10 ? groups.subList(0, 10) : groups)
                + (groups.size() > 10 ? ", ..." : "");
        return DataValidationException.param("group", group, "no such model group in store " + s.store().file() + " (" + known + ")",
                "register a model first: holdout registry register --group " + group + " --model JOB_FOLDER");
    }

    private DataValidationException noStore(String what) {
        return DataValidationException.param("--store", store.file(), "does not exist, so it has no " + what,
                "register a model first (holdout registry register), or pass the store that has it with --store");
    }

    /** {@code 1-3, 5} for {@code [1, 2, 3, 5]}. */
    private static String ranges(List<Integer> sorted) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) j++;
            if (sb.length() > 0) sb.append(", ");
            sb.append(sorted.get(i));
            if (j > i) sb.append('-').append(sorted.get(j));
            i = j + 1;
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------ model references

    /** The model folder of a registered version, its files checked against their SHA-256 first. */
    @Override public Path version(ModelReference.Version ref) {
        return verified(get(ref.name(), ref.version()), ref.text());
    }

    /** {@code NAME@approved}: the model folder of the group's latest approved version. */
    @Override public Path alias(ModelReference.Alias ref) {
        if (!ref.alias().equals(APPROVED)) {
            throw DataValidationException.param("model", ref.text(), "is not an alias the registry knows (only @" + APPROVED + ")",
                    "write " + ref.name() + "@" + APPROVED + " for the latest approved version, or " + ref.name() + "/N for one version");
        }
        if (!store.exists()) throw noStore(ref.text());
        ModelVersion v = store.read(s -> {
            if (s.longValue("SELECT count(*) FROM reg_groups WHERE name = ?", ref.name()) == 0) throw noSuchGroup(s, ref.name());
            return s.first(SELECT + " WHERE group_name = ? AND status = 'Approved' ORDER BY version DESC LIMIT 1", this::version, ref.name())
                    .orElse(null);
        });
        if (v == null) {
            throw DataValidationException.param("model", ref.text(), "no version of " + ref.name() + " is approved, and only approved versions are deployed",
                    "approve one (holdout registry approve " + ref.name() + "/N --by WHO --reason WHY), or pass " + ref.name() + "/N to use a version under review");
        }
        return verified(v, ref.text());
    }

    /** Re-hashes a version's files against what was recorded; refuses a tree that changed or lost a file. */
    public Path verified(ModelVersion v, String ref) {
        Map<String, ContentHash.Entry> recorded = store.read(s -> {
            Map<String, ContentHash.Entry> m = new TreeMap<>();
            for (String[] row : s.query("SELECT path, sha256, bytes FROM reg_artifacts WHERE artifacts_sha256 = ?",
                    r -> new String[] {r.getString(1), r.getString(2), Long.toString(r.getLong(3))}, v.artifactsSha256())) {
                m.put(row[0], new ContentHash.Entry(row[1], Long.parseLong(row[2])));
            }
            return m;
        });
        if (!Files.isDirectory(v.folder())) {
            throw DataValidationException.param("model", ref, "its artifacts are missing from " + v.folder(),
                    "the store's artifacts folder was moved or cleaned: restore it beside the store file, or register the job folder again");
        }
        ContentHash.Tree now = ContentHash.folder(v.folder());
        for (Map.Entry<String, ContentHash.Entry> e : recorded.entrySet()) {
            ContentHash.Entry got = now.files().get(e.getKey());
            if (!e.getValue().equals(got)) {
                throw DataValidationException.param("model", ref, "its artifact " + e.getKey() + (got == null ? " is missing" : " changed after registration (SHA-256 "
                                + got.sha256().substring(0, 12) + "..., registered " + e.getValue().sha256().substring(0, 12) + "...)"),
                        "a registered model never changes: restore " + v.folder() + " from a backup, or register the job folder again");
            }
        }
        return v.modelFolder();
    }

    // ------------------------------------------------------------------------------------------ json

    private static ObjectNode readObject(Path file) {
        JsonNode n = StrictJson.read(file, file.getFileName().toString());
        if (!(n instanceof ObjectNode o)) {
            throw DataValidationException.param(file.getFileName().toString(), file, "is not a JSON object", "it should be the file holdout train wrote");
        }
        return o;
    }

    private static ObjectNode parseObject(String text) {
        return (ObjectNode) StrictJson.parse(text, "the registry's row");
    }
}
