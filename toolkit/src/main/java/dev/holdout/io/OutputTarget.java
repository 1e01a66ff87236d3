package dev.holdout.io;

import dev.holdout.data.DataValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one output goes and the rules it is held to before any work starts: the path resolved to its
 * real location (symbolic links followed), refused when it is, contains or lies inside an input, when it
 * is a dangling link, a file where a folder is needed or the reverse, or when its parent cannot be
 * written. Every check here is read-only; {@link Claim} does the writing part (parents, lock, recovery).
 */
final class OutputTarget {
    enum Kind { FOLDER, FILE }

    /** An input the output must keep clear of, with the name messages use ({@code --input}, {@code channels.train}). */
    record Input(String name, Path path) {}

    final Path given;
    final String option;
    final Kind kind;
    final Path real;
    final Path parent;
    final String name;

    private OutputTarget(Path given, String option, Kind kind, Path real) {
        this.given = given;
        this.option = option;
        this.kind = kind;
        this.real = real;
        this.parent = real.getParent();
        this.name = real.getFileName().toString();
    }

    /** Resolves {@code given} and checks every read-only rule; throws {@link DataValidationException} (exit 2) on the first broken one. */
    static OutputTarget check(Path given, String option, Kind kind, List<Input> inputs) {
        if (given == null) {
            throw DataValidationException.param(option, null, "an output path is required", "pass " + option + " PATH");
        }
        Path abs = given.toAbsolutePath().normalize();
        if (abs.getParent() == null || abs.getFileName() == null) {
            throw DataValidationException.param(option, given, "is the root of the file system", "choose a folder below it");
        }
        OutputTarget t = new OutputTarget(given, option, kind, resolve(abs, given, option));
        for (Input in : inputs) t.checkClearOf(in);
        t.checkKind();
        t.checkParentWritable();
        return t;
    }

    /** The real path of {@code abs}: the existing part with links resolved, plus the rest as written. */
    private static Path resolve(Path abs, Path given, String option) {
        try {
            if (Files.isSymbolicLink(abs)) {
                if (!Files.exists(abs)) {
                    throw DataValidationException.param(option, given, "is a symbolic link to " + Files.readSymbolicLink(abs)
                            + ", which does not exist", "remove the link, or point it at an existing location");
                }
                return abs.toRealPath();
            }
            if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) return abs.toRealPath();
            Path existing = abs.getParent();
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
            if (existing == null) return abs;
            if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
                throw DataValidationException.param(option, given, "the folder " + existing + " on its path is a symbolic link to "
                        + Files.readSymbolicLink(existing) + ", which does not exist", "remove the link, or point it at an existing folder");
            }
            if (!Files.isDirectory(existing)) {
                throw DataValidationException.param(option, given, existing + " on its path is a file, not a folder, so nothing can be written under it",
                        "choose an output path outside it");
            }
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("could not resolve " + option + "=" + given + ": " + reason(e), e);
        }
    }

    /** The real path of an input, or its absolute form when it does not exist (the reader reports that). */
    private static Path realOf(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) return abs.toRealPath();
            Path existing = abs.getParent();
            while (existing != null && !Files.exists(existing)) existing = existing.getParent();
            return existing == null ? abs : existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

    private void checkClearOf(Input in) {
        if (in.path() == null) return;
        Path inReal = realOf(in.path());
        String what = in.name() + "=" + in.path();
        boolean same = inReal.equals(real);
        if (!same && Files.exists(inReal) && Files.exists(real)) {
            try {
                same = Files.isSameFile(inReal, real);
            } catch (IOException e) {
                same = false;
            }
        }
        if (same) {
            throw DataValidationException.param(option, given, "is the input " + what + "; writing it would destroy the input",
                    "write the output to another path");
        }
        if (kind == Kind.FOLDER && inReal.startsWith(real)) {
            throw DataValidationException.param(option, given, "contains the input " + what + "; replacing the folder would delete the input",
                    "choose an output folder outside the input's folder");
        }
        if (real.startsWith(inReal) && Files.isDirectory(inReal)) {
            throw DataValidationException.param(option, given, "lies inside the input folder " + what + "; writing there would change the input",
                    "choose an output outside " + in.path());
        }
    }

    /** A file where a folder is needed, a folder where a file is needed, or something that is neither. */
    void checkKind() {
        if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) return;
        if (kind == Kind.FOLDER && !Files.isDirectory(real)) {
            throw DataValidationException.param(option, given, "is a file; a folder is needed here",
                    "choose a folder path, or move the file away");
        }
        if (kind == Kind.FILE && Files.isDirectory(real)) {
            throw DataValidationException.param(option, given, "is a folder; a file is needed here",
                    "give the path of a file (for example " + given.resolve("out" + extension(name, ".csv")) + ")");
        }
        if (kind == Kind.FILE && !Files.isRegularFile(real)) {
            throw DataValidationException.param(option, given, "is not a regular file (a device, pipe or socket)", "give the path of a regular file");
        }
    }

    private void checkParentWritable() {
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing != null && !Files.isWritable(existing)) {
            throw notWritable(existing, "permission denied");
        }
    }

    DataValidationException notWritable(Path folder, String why) {
        String rule = folder.equals(parent) ? "its folder " + folder + " cannot be written (" + why + ")"
                : "its parent folder cannot be created: " + folder + " cannot be written (" + why + ")";
        return DataValidationException.param(option, given, rule, "choose a location you can write to");
    }

    /** The reason of an I/O error without Java's class name ({@code Permission denied}, {@code Read-only file system}). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason().toLowerCase(java.util.Locale.ROOT);
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
        return e.getMessage() == null ? "I/O error" : e.getMessage();
    }

    /** {@code name}'s extension with its dot ({@code .csv}), or {@code fallback} when it has none. */
    static String extension(String name, String fallback) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : fallback;
    }

    /** A visible sibling for something kept aside: {@code NAME.new-1}, {@code stem.new-1.csv} for files. */
    Path visibleSibling(String label) {
        String ext = kind == Kind.FILE ? extension(name, "") : "";
        String stem = name.substring(0, name.length() - ext.length());
        for (int n = 1; ; n++) {
            Path p = parent.resolve(stem + "." + label + "-" + n + ext);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return p;
        }
    }

    /** Up to three names and how many more, for messages. */
    static String some(List<String> names) {
        List<String> shown = new ArrayList<>(names.subList(0, Math.min(3, names.size())));
        String s = String.join(", ", shown);
        return names.size() > 3 ? s + " and " + (names.size() - 3) + " more" : s;
    }
}
