package dev.holdout.cli;

import dev.holdout.registry.ModelRegistry;
import dev.holdout.store.Store;
import dev.holdout.train.ModelReference;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * How every verb that scores turns {@code --model REF} into a model folder: the one place that knows which
 * {@link ModelReference.Registry} the command line has — the model registry in the store ({@code --store} where the
 * verb has it, else {@code HOLDOUT_STORE}, else {@code .holdout/store.duckdb}). The store is located only when a
 * registry form ({@code NAME/N}, {@code NAME@approved}) is resolved, so a job folder never needs one.
 */
final class ModelReferences {
    private ModelReferences() {}

    /** The registry of the store {@code store} names, located when first needed. */
    static ModelReference.Registry registry(Supplier<Store> store) {
        return new ModelReference.Registry() {
            @Override public Path version(ModelReference.Version ref) { return ModelRegistry.open(store.get()).version(ref); }

            @Override public Path alias(ModelReference.Alias ref) { return ModelRegistry.open(store.get()).alias(ref); }
        };
    }

    /** The registry the command line resolves {@code NAME/N} and {@code NAME@alias} with (the default store). */
    static ModelReference.Registry registry() { return registry(() -> Store.locate(null)); }

    /** The model folder of {@code ref} (exit 2 naming the reference when there is none). */
    static Path folder(ModelReference ref) { return ref.resolve(registry()); }

    /** The model folder {@code --model TEXT} names (parsed here, not by picocli, so a bad one is a plain exit-2 message). */
    static Path folder(String text) { return folder(ModelReference.parse(text)); }

    /**
     * The model folder of {@code --model TEXT} for a verb that deploys ({@code serve}): as {@link #folder(String)}, but a
     * registry version must be {@code Approved} — only approved versions are deployed; {@code NAME@approved} always is.
     * A job folder is taken as it is (local work before anything is registered).
     */
    static Path deployed(String text) { return deployed(text, () -> Store.locate(null)); }

    static Path deployed(String text, Supplier<Store> store) {
        ModelReference ref = ModelReference.parse(text);
        if (ref instanceof ModelReference.Version v) {
            ModelRegistry registry = ModelRegistry.open(store.get());
            dev.holdout.registry.ModelVersion mv = registry.get(v.name(), v.version());
            if (mv.status() != dev.holdout.registry.ApprovalStatus.Approved) {
                throw dev.holdout.data.DataValidationException.param("model", v.text(), "is " + mv.status() + ", and only Approved versions are deployed",
                        "approve it (holdout registry approve " + v.text() + " --by WHO --reason WHY), or deploy " + v.name() + "@approved");
            }
            return registry.version(v);
        }
        return ref.resolve(registry(store));
    }

    /** The model folder {@code --model TEXT} names, registry forms looked up in the store {@code store} names. */
    static Path folder(String text, StoreOption store) { return ModelReference.parse(text).resolve(registry(store::store)); }
}
