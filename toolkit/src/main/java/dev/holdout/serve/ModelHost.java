package dev.holdout.serve;

import dev.holdout.data.DataValidationException;
import dev.holdout.train.ModelReference;
import dev.holdout.train.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The models an endpoint serves: a default model ({@code --model REF}), named models ({@code --model NAME=REF}),
 * and a multi-model folder ({@code --models-dir DIR}: each sub-folder a job or model folder, addressed by its name)
 * whose models are loaded on first use and kept in memory, at most {@code maxModels} of them, the least recently
 * used unloaded first (SageMaker's multi-model endpoints). The default and the named models are loaded at start
 * and never unloaded.
 *
 * <p>A model stays in memory once loaded: deleting its folder does not stop it serving. A folder that cannot be
 * loaded (missing, corrupt) is a {@link ModelUnavailable} for that model's requests only, with the reason.
 *
 * <pre>{@code
 * ModelHost host = ModelHost.builder().defaultModel(Path.of("runs/rain/model"))
 *         .modelsDir(Path.of("models"), 4).build();
 * Scorer rain = host.scorer(null);          // the default model
 * Scorer b = host.scorer("churn-b");        // models/churn-b, loaded now if it was not
 * }</pre>
 */
public final class ModelHost {
    /** A model that cannot serve: no such model (404) or one that could not be loaded (500), with the reason. */
    public static final class ModelUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean missing;

        ModelUnavailable(String message, boolean missing) {
            super(message);
            this.missing = missing;
        }

        /** Whether there is no such model (rather than one that failed to load). */
        public boolean missing() { return missing; }
    }

    /** What {@code GET /models} lists of one model. */
    public record ModelInfo(String name, Path folder, boolean loaded) {}

    private final Scorer defaultModel;
    private final Map<String, Scorer> named;
    private final Path modelsDir;
    private final int maxModels;
    private final LinkedHashMap<String, Scorer> loaded;
    private final Map<String, Object> loading = new ConcurrentHashMap<>();
    private final AtomicLong loads = new AtomicLong();

    private ModelHost(Scorer defaultModel, Map<String, Scorer> named, Path modelsDir, int maxModels) {
        this.defaultModel = defaultModel;
        this.named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
        this.modelsDir = modelsDir;
        this.maxModels = maxModels;
        this.loaded = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override protected boolean removeEldestEntry(Map.Entry<String, Scorer> eldest) { return size() > ModelHost.this.maxModels; }
        };
    }

    /** Configures a host. */
    public static Builder builder() { return new Builder(); }

    /** What a host serves; {@link #build()} loads the default and the named models. */
    public static final class Builder {
        private Path defaultModel;
        private final Map<String, Path> named = new LinkedHashMap<>();
        private Path modelsDir;
        private int maxModels = 8;

        /** The model {@code /invocations} serves without a target model. */
        public Builder defaultModel(Path modelFolder) {
            this.defaultModel = Objects.requireNonNull(modelFolder);
            return this;
        }

        /** A model addressed by {@code name}. */
        public Builder named(String name, Path modelFolder) {
            if (!ModelReference.NAME.matcher(name).matches()) {
                throw DataValidationException.param("--model", name + "=" + modelFolder, "'" + name + "' is not a model name (letters, digits, '.', '_', '-')",
                        "e.g. --model rain=runs/rain");
            }
            if (named.put(name, Objects.requireNonNull(modelFolder)) != null) {
                throw DataValidationException.param("--model", name + "=" + modelFolder, "names model '" + name + "' twice", "give each model its own name");
            }
            return this;
        }

        /** A folder of model folders loaded on first use, at most {@code max} in memory at once. */
        public Builder modelsDir(Path dir, int max) {
            if (max < 1) throw DataValidationException.param("--max-models", max, "must be at least 1", "e.g. --max-models 8");
            if (!Files.isDirectory(dir)) {
                throw DataValidationException.param("--models-dir", dir, Files.exists(dir) ? "is not a folder" : "does not exist",
                        "pass a folder whose sub-folders are training job (or model) folders");
            }
            this.modelsDir = dir;
            this.maxModels = max;
            return this;
        }

        /** Loads the default and named models (a bad one is an error: the endpoint does not start with it). */
        public ModelHost build() {
            if (defaultModel == null && named.isEmpty() && modelsDir == null) {
                throw DataValidationException.param("--model", "(none)", "an endpoint needs a model", "pass --model REF, --model NAME=REF or --models-dir DIR");
            }
            Scorer d = defaultModel == null ? null : forServing(Scorer.load(defaultModel));
            Map<String, Scorer> n = new LinkedHashMap<>();
            for (Map.Entry<String, Path> e : named.entrySet()) n.put(e.getKey(), forServing(Scorer.load(e.getValue())));
            return new ModelHost(d, n, modelsDir, maxModels);
        }
    }

    /**
     * One request is one thread: XGBoost's own threads (OpenMP, as many as training used) only add a hand-over to
     * each single-row prediction, so a served booster predicts on the calling thread. Set before the model serves.
     */
    private static Scorer forServing(Scorer s) {
        if (s.model() instanceof TrainedModel.XGBoostModel x) {
            try {
                x.booster().setParam("nthread", "1");
            } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
                throw dev.holdout.train.XGBoostFailure.of("setting nthread=1 for serving", e);
            }
        }
        return s;
    }

    /** Whether there is a default model. */
    public boolean hasDefault() { return defaultModel != null; }

    /**
     * The scorer for {@code name} ({@code null}: the default model), loading a multi-model folder's model on first
     * use (the least recently used one is unloaded when more than {@code maxModels} are loaded).
     *
     * @throws ModelUnavailable with the reason
     */
    public Scorer scorer(String name) {
        if (name == null || name.isEmpty()) {
            if (defaultModel != null) return defaultModel;
            throw new ModelUnavailable("this endpoint has no default model; name one with the X-Amzn-SageMaker-Target-Model header or POST /models/{name}/invoke"
                    + " (models: " + names() + ")", true);
        }
        Scorer s = named.get(name);
        if (s != null) return s;
        if (modelsDir == null || !ModelReference.NAME.matcher(name).matches()) throw new ModelUnavailable("no model named '" + name + "' (models: " + names() + ")", true);
        synchronized (loaded) {
            s = loaded.get(name);
        }
        if (s != null) return s;
        Object lock = loading.computeIfAbsent(name, k -> new Object());
        synchronized (lock) { // one load per model at a time; other models keep serving meanwhile
            synchronized (loaded) {
                s = loaded.get(name);
            }
            if (s != null) return s;
            Path folder = modelsDir.resolve(name);
            if (!Files.isDirectory(folder)) throw new ModelUnavailable("no model named '" + name + "' in " + modelsDir + " (models: " + names() + ")", true);
            try {
                Path model = ModelReference.of(folder).resolve();
                s = forServing(Scorer.load(model));
            } catch (DataValidationException | dev.holdout.train.XGBoostFailure e) {
                throw new ModelUnavailable("model '" + name + "' could not be loaded: " + e.getMessage(), false);
            } catch (RuntimeException e) {
                throw new ModelUnavailable("model '" + name + "' could not be loaded: " + e.getClass().getSimpleName() + ": " + e.getMessage(), false);
            }
            loads.incrementAndGet();
            synchronized (loaded) {
                loaded.put(name, s);
            }
            return s;
        }
    }

    /** How many times a multi-model folder's model was loaded (a reload after eviction counts again). */
    public long loads() { return loads.get(); }

    /** Every model: the default ({@code ""}), the named ones, and each sub-folder of the multi-model folder. */
    public List<ModelInfo> models() {
        List<ModelInfo> out = new ArrayList<>();
        if (defaultModel != null) out.add(new ModelInfo("", defaultModel.folder(), true));
        for (Map.Entry<String, Scorer> e : named.entrySet()) out.add(new ModelInfo(e.getKey(), e.getValue().folder(), true));
        if (modelsDir != null) {
            Map<String, Path> found = new TreeMap<>();
            try (Stream<Path> s = Files.list(modelsDir)) {
                s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p))
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .forEach(p -> found.put(p.getFileName().toString(), p));
            } catch (IOException e) {
                // a folder that went away: only the loaded models are listed
            }
            Map<String, Scorer> now;
            synchronized (loaded) {
                now = new LinkedHashMap<>(loaded);
            }
            for (String name : now.keySet()) found.putIfAbsent(name, modelsDir.resolve(name));
            for (Map.Entry<String, Path> e : found.entrySet()) {
                if (named.containsKey(e.getKey())) continue;
                out.add(new ModelInfo(e.getKey(), e.getValue(), now.containsKey(e.getKey())));
            }
        }
        return out;
    }

    private List<String> names() {
        List<String> n = new ArrayList<>();
        for (ModelInfo m : models()) if (!m.name().isEmpty()) n.add(m.name());
        return n;
    }
}
