package dev.holdout.cli;

import dev.holdout.train.ModelReference;
import java.nio.file.Path;

/**
 * How every verb that scores turns {@code --model REF} into a model folder: the one place that knows which
 * {@link ModelReference.Registry} the command line has. Until the model registry exists it is
 * {@link ModelReference.Registry#NONE}, so {@code NAME/N} and {@code NAME@approved} are a clear error saying the
 * registry is needed; the registry plugs in here.
 */
final class ModelReferences {
    private ModelReferences() {}

    /** The registry the command line resolves {@code NAME/N} and {@code NAME@alias} with. */
    static ModelReference.Registry registry() { return ModelReference.Registry.NONE; }

    /** The model folder of {@code ref} (exit 2 naming the reference when there is none). */
    static Path folder(ModelReference ref) { return ref.resolve(registry()); }

    /** The model folder {@code --model TEXT} names (parsed here, not by picocli, so a bad one is a plain exit-2 message). */
    static Path folder(String text) { return folder(ModelReference.parse(text)); }
}
