package dev.holdout.train;

import dev.holdout.data.DataValidationException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which model to use, as every verb that scores takes it ({@code predict}, {@code transform}, {@code serve}
 * {@code --model REF}): a training job folder (or its {@code model/} folder), a registered version
 * {@code NAME/N}, or the latest approved version {@code NAME@approved}. Parsing is purely about the text; a
 * {@link Registry} turns the registry forms into a model folder.
 *
 * <pre>{@code
 * ModelReference.parse("runs/rain");          // JobFolder[runs/rain]     (a folder that exists is always a folder)
 * ModelReference.parse("rain/3");             // Version[rain/3]          (when no folder rain/3 exists)
 * ModelReference.parse("rain@approved");      // Alias[rain@approved]
 * Path model = ModelReference.parse("runs/rain").resolve(Registry.NONE);   // runs/rain/model
 * }</pre>
 *
 * <p>The rule, so that no text means two things silently: a path that exists on disk is a folder; otherwise
 * {@code NAME/N} (a name of letters, digits, {@code . _ -} and a version number from 1) is a registry version
 * and {@code NAME@ALIAS} a registry alias; anything else is a folder (that does not exist, which
 * {@link #resolve} reports). Write {@code ./rain/3} to mean a folder that is not there yet.
 */
public sealed interface ModelReference permits ModelReference.JobFolder, ModelReference.Version, ModelReference.Alias {

    /** A name in the model registry: letters, digits, '.', '_' and '-', starting with a letter or digit. */
    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** The text as the user wrote it. */
    String text();

    /**
     * The model folder to load (the one holding {@code model-card.json}).
     *
     * @throws DataValidationException (exit 2) when the folder does not exist, or for a registry reference
     *         when {@code registry} cannot resolve it (no registry, no such version, none approved)
     */
    Path resolve(Registry registry);

    /** Resolves without a registry: job folders only (a registry form is a clear error saying the registry is needed). */
    default Path resolve() { return resolve(Registry.NONE); }

    /**
     * Turns the registry forms into model folders: the model registry (its versions' artifacts in the store)
     * implements this; {@link #NONE} is what a command has without one.
     */
    interface Registry {
        /** No registry: every registry reference is an error that says so. */
        Registry NONE = new Registry() {
            @Override public Path version(Version ref) { throw needsRegistry(ref); }

            @Override public Path alias(Alias ref) { throw needsRegistry(ref); }
        };

        /** The model folder of version {@code ref.version()} of {@code ref.name()}. */
        Path version(Version ref);

        /** The model folder of the version {@code ref.alias()} points at (for {@code approved}: the latest approved). */
        Path alias(Alias ref);
    }

    /** A job folder (or a model folder). */
    record JobFolder(Path path, String text) implements ModelReference {
        public JobFolder {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(text, "text");
        }

        /** {@code path/model} when it is a finished job's folder, else {@code path} itself (already a model folder). */
        @Override public Path resolve(Registry registry) {
            Path model = path.resolve("model");
            Path dir = Files.isDirectory(model) ? model : path;
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.exists(dir)) {
                throw DataValidationException.param("model", text, "no such model folder",
                        "pass a training job folder (holdout train --output DIR), its model/ folder, or a registry reference NAME/N or NAME@approved");
            }
            return dir;
        }

        @Override public String toString() { return text; }
    }

    /** Version {@code version} of the registered model group {@code name}: {@code rain/3}. */
    record Version(String name, int version) implements ModelReference {
        public Version {
            if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
                throw DataValidationException.param("model", name, "is not a registry name (letters, digits, '.', '_', '-')", "e.g. rain/3");
            }
            if (version < 1) throw DataValidationException.param("model", name + "/" + version, "versions count from 1", "e.g. " + name + "/1");
        }

        @Override public String text() { return name + "/" + version; }

        @Override public Path resolve(Registry registry) { return registry.version(this); }

        @Override public String toString() { return text(); }
    }

    /** The version an alias of the registered model group points at: {@code rain@approved}. */
    record Alias(String name, String alias) implements ModelReference {
        public Alias {
            if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
                throw DataValidationException.param("model", name, "is not a registry name (letters, digits, '.', '_', '-')", "e.g. rain@approved");
            }
            if (!NAME.matcher(Objects.requireNonNull(alias, "alias")).matches()) {
                throw DataValidationException.param("model", name + "@" + alias, "is not an alias (letters, digits, '.', '_', '-')", "e.g. " + name + "@approved");
            }
        }

        @Override public String text() { return name + "@" + alias; }

        @Override public Path resolve(Registry registry) { return registry.alias(this); }

        @Override public String toString() { return text(); }
    }

    /** The registry forms. */
    Pattern VERSION = Pattern.compile("(" + NAME.pattern() + ")/([0-9]{1,9})");
    Pattern ALIAS = Pattern.compile("(" + NAME.pattern() + ")@(" + NAME.pattern() + ")");

    /** Parses {@code text} by the rule in the class comment. */
    static ModelReference parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) throw DataValidationException.param("model", "''", "is empty", "pass a job folder, NAME/N or NAME@approved");
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            path = null;
        }
        if (path != null && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return new JobFolder(path, text);
        Matcher v = VERSION.matcher(text);
        if (v.matches()) return new Version(v.group(1), Integer.parseInt(v.group(2)));
        Matcher a = ALIAS.matcher(text);
        if (a.matches()) return new Alias(a.group(1), a.group(2));
        if (path == null) throw DataValidationException.param("model", text, "is not a path, NAME/N or NAME@approved", "pass a job folder");
        return new JobFolder(path, text);
    }

    /** Parses a job folder given as a path (no registry forms). */
    static ModelReference of(Path folder) {
        return new JobFolder(folder, folder.toString());
    }

    private static DataValidationException needsRegistry(ModelReference ref) {
        return DataValidationException.param("model", ref.text(), "is a model registry reference, which needs the model registry,"
                        + " and this build has none yet",
                "pass the training job folder instead (holdout train --output DIR), or write ./" + ref.text() + " if you mean a folder");
    }
}
