package dev.holdout.io;

import dev.holdout.data.DataValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A folder output that never loses anyone's data: the one way Holdout writes a result folder
 * ({@code split --output}, a training job, a tuning job, a quickstart run, a demo's charts, and every
 * package to come). Claim it before any work, write it once at the end:
 *
 * <pre>{@code
 * try (OutputFolder out = OutputFolder.at(Path.of("out/split"))
 *         .named("--output")                       // how messages name it
 *         .input("--input", Path.of("data/in.csv"))   // must not be, contain or lie inside it
 *         .force(force)                            // may a non-empty folder be replaced?
 *         .claim()) {                              // every check below, the lock, recovery; or exit 2
 *     Table t = load(...);                         // the long work, after the checks
 *     out.write(dir -> writeParts(dir, t));        // into a temporary folder, then swapped in
 * }                                                // lock released (also on failure)
 * }</pre>
 *
 * <p>The rules, in the order they are checked by {@link Spec#claim()}:
 * <ol>
 *   <li>The path, compared by real path (symbolic links resolved), is not an input, does not contain one and
 *       does not lie inside an input folder. It is not a dangling link, not a file, and nothing on its way is a
 *       file. Its parent exists or can be created, and can be written. Each broken rule is a
 *       {@link DataValidationException} (exit 2) naming the path, the rule and the fix, before any work.</li>
 *   <li>A lock beside it ({@code .NAME.lock}, with an OS file lock and the owner's PID and start time) makes a
 *       second run into the same folder refuse at once, naming the other PID. It is released when the claim is
 *       closed; a stale one (its process gone) is taken over.</li>
 *   <li>What killed runs left beside this folder is repaired (see below), then a non-empty folder is refused
 *       unless {@code force} (or {@link Spec#replacing} recognises it as a previous result).</li>
 *   <li>{@link #write} fills a fresh temporary folder beside the target (created with the user's umask, not
 *       0700) and swaps it in. Only what the folder held at the claim may be replaced: if anything appeared
 *       or changed in it meanwhile (another process, a person), nothing there is replaced or deleted, the new
 *       result is kept in a visible sibling {@code NAME.new-N}, and an {@link OutputConflictException} says what
 *       appeared and where the result is.</li>
 *   <li>A replace survives kill -9 at any instant: the old folder is moved aside only after a journal
 *       ({@code .NAME.swap-PID-N}) records the complete new folder, and the next claim of the same target
 *       finishes or undoes an interrupted replace, so the path holds the old complete state or the new one.
 *       Temporary folders of killed runs ({@code .NAME.tmp-PID-N}, PID dead) are deleted then too.</li>
 * </ol>
 * The guarantees hold against processes being killed, not against power loss (nothing is fsynced).
 */
public final class OutputFolder implements AutoCloseable {
    /** Fills the temporary folder that becomes the output. */
    @FunctionalInterface
    public interface Writer {
        void write(Path folder) throws IOException;
    }

    /** A test seam: called at each step of a replace, so a test can kill the process exactly there. */
    interface Step {
        void reached(String step);
    }

    static volatile Step steps = s -> {};

    private final Claim claim;
    private final Tree start;
    private boolean written;

    private OutputFolder(Claim claim, Tree start) {
        this.claim = claim;
        this.start = start;
    }

    /** The rules for a folder output at {@code folder}; configure, then {@link Spec#claim()}. */
    public static Spec at(Path folder) {
        return new Spec(folder, "output", List.of(), false, null, null);
    }

    /**
     * What to claim: immutable; every modifier returns a new spec and order never matters.
     *
     * <pre>{@code
     * OutputFolder.at(dir).named("--output").input("--config", config).input("data.csv", csv).force(force).claim();
     * }</pre>
     */
    public static final class Spec {
        private final Path path;
        private final String option;
        private final List<OutputTarget.Input> inputs;
        private final boolean force;
        private final String previousWhat;
        private final Predicate<Path> previous;

        private Spec(Path path, String option, List<OutputTarget.Input> inputs, boolean force, String previousWhat, Predicate<Path> previous) {
            this.path = path;
            this.option = option;
            this.inputs = List.copyOf(inputs);
            this.force = force;
            this.previousWhat = previousWhat;
            this.previous = previous;
        }

        /** The name messages give the output: {@code --output}, {@code output}, {@code --charts}. Default {@code output}. */
        public Spec named(String optionName) {
            return new Spec(path, Objects.requireNonNull(optionName), inputs, force, previousWhat, previous);
        }

        /** An input file or folder the output must not be, contain or lie inside; a null path is ignored. */
        public Spec input(String name, Path input) {
            if (input == null) return this;
            List<OutputTarget.Input> l = new ArrayList<>(inputs);
            l.add(new OutputTarget.Input(name, input));
            return new Spec(path, option, l, force, previousWhat, previous);
        }

        /** Several inputs under one name ({@code channels}). */
        public Spec inputs(String name, List<Path> more) {
            Spec s = this;
            for (Path p : more) s = s.input(name, p);
            return s;
        }

        /** Whether a non-empty folder may be replaced (once the new content is complete). Default false. */
        public Spec force(boolean replaceNonEmpty) {
            return new Spec(path, option, inputs, replaceNonEmpty, previousWhat, previous);
        }

        /**
         * A non-empty folder that {@code isPrevious} accepts (a previous result of the same command) may be
         * replaced without {@code force}; {@code what} names it in the refusal of any other non-empty folder.
         */
        public Spec replacing(String what, Predicate<Path> isPrevious) {
            return new Spec(path, option, inputs, force, Objects.requireNonNull(what), Objects.requireNonNull(isPrevious));
        }

        /** Checks every rule, takes the lock and repairs leftovers; throws {@link DataValidationException} (exit 2) on a broken rule. */
        public OutputFolder claim() {
            OutputTarget t = OutputTarget.check(path, option, OutputTarget.Kind.FOLDER, inputs);
            Claim c = Claim.take(t);
            try {
                Tree start = Tree.scan(t.real);
                refuseNestedRuns(t, start);
                if (!start.isEmpty() && !force && (previous == null || !previous.test(t.real))) {
                    throw DataValidationException.param(option, path, previousWhat == null ? "folder is not empty"
                                    : "folder is not empty and is not " + previousWhat,
                            previousWhat == null ? "choose another folder or pass --force to replace it"
                                    : "choose a new or empty folder, or pass --force to replace it");
                }
                return new OutputFolder(c, start);
            } catch (IOException e) {
                c.close();
                throw new UncheckedIOException("could not read " + option + "=" + path + ": " + OutputTarget.reason(e), e);
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }
    }

    /** An output being written inside this folder by another run makes replacing the folder wrong: refuse. */
    private static void refuseNestedRuns(OutputTarget t, Tree start) {
        for (String rel : start.entries().keySet()) {
            String name = rel.substring(rel.lastIndexOf('/') + 1);
            if (!name.startsWith(".") || !name.endsWith(".lock") || !start.entries().get(rel).startsWith("f ")) continue;
            Path lockFile = t.real.resolve(rel);
            java.util.Optional<Map<String, String>> holder = OutputLock.heldByAnother(lockFile);
            if (holder.isPresent()) {
                throw DataValidationException.param(t.option, t.given, "another holdout run is writing inside it (PID "
                                + holder.get().getOrDefault("pid", "unknown") + "; lock " + lockFile + ")",
                        "wait for that run to finish, or choose another " + t.option);
            }
        }
    }

    /** Where the output is: the real path (links resolved). */
    public Path path() { return claim.target.real; }

    /** Whether the folder was absent or empty when it was claimed (so nothing of anyone's is replaced by writing it). */
    public boolean emptyAtStart() { return start.isEmpty(); }

    /**
     * Writes the output: {@code writer} fills a temporary folder beside it, which then takes the folder's place
     * (the old content, if any, is deleted only after the new one is in place). If the writer throws, the
     * temporary folder is deleted and the output is as it was. Returns {@link #path()}.
     *
     * @throws OutputConflictException when something appeared in the folder since the claim (nothing replaced)
     */
    public Path write(Writer writer) {
        if (written) throw new IllegalStateException("output " + claim.target.given + " was already written");
        OutputTarget t = claim.target;
        Path tmp = claim.createTemp();
        try {
            try {
                writer.write(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + t.option + "=" + t.given + ": " + OutputTarget.reason(e), e);
            } catch (RuntimeException | Error e) {
                throw e;
            }
            commit(t, tmp);
            written = true;
            claim.keepParents();
            return t.real;
        } catch (RuntimeException | Error e) {
            if (!written) deleteQuietly(tmp, e);
            throw e;
        } finally {
            Leftovers.done(tmp);
        }
    }

    /** Where SageMaker's jobs write the reason a job failed (it reads its first 1024 characters as FailureReason). */
    public static final String FAILURE = "output/failure";

    /**
     * Writes a failed run's report, never over anyone's data: into this folder when it was empty at the claim
     * (so the folder then holds only the report, {@code output/failure} among it), else — the folder held a
     * previous result, which only a successful run replaces — into the first free sibling {@code NAME.failed-N/}.
     * Returns the folder the report went to. A training job and a batch transform report their failures so.
     *
     * <pre>{@code
     * Path where = out.writeFailure(tmp -> Files.writeString(tmp.resolve(OutputFolder.FAILURE), reason + "\n"));
     * }</pre>
     *
     * @throws OutputConflictException when something appeared in the folder since the claim (the report is kept beside it)
     */
    public Path writeFailure(Writer report) {
        Writer withParents = tmp -> {
            Files.createDirectories(tmp.resolve(FAILURE).getParent());
            report.write(tmp);
        };
        if (emptyAtStart()) return write(withParents);
        Path out = path();
        DataValidationException last = null;
        for (int n = 1; n <= 100; n++) {
            Path target = out.resolveSibling(out.getFileName() + ".failed-" + n);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) continue;
            try (OutputFolder beside = OutputFolder.at(target).named(claim.target.option).claim()) {
                return beside.write(withParents);
            } catch (DataValidationException taken) {
                last = taken; // another run took this name a moment ago: the next one
            }
        }
        throw last != null ? last : DataValidationException.param(claim.target.option, out, "has 100 failure reports beside it already",
                "delete the old " + out.getFileName() + ".failed-N folders");
    }

    private void commit(OutputTarget t, Path tmp) {
        try {
            if (Files.exists(t.real, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(t.real, LinkOption.NOFOLLOW_LINKS)) {
                throw conflict(t, tmp, List.of(t.name + " (a file now stands where the folder is)"));
            }
            Tree now = Tree.scan(t.real);
            List<String> appeared = now.appearedSince(start);
            if (!appeared.isEmpty()) throw conflict(t, tmp, appeared);
            if (!now.exists()) {
                steps.reached("rename");
                try {
                    Files.move(tmp, t.real, StandardCopyOption.ATOMIC_MOVE); // rename(2): never over a non-empty folder or a file
                } catch (IOException e) {
                    if (!Files.exists(t.real, LinkOption.NOFOLLOW_LINKS)) throw e;
                    throw conflict(t, tmp, List.of(t.name + " (created while this run finished)"));
                }
                steps.reached("renamed");
                return;
            }
            replace(t, tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("could not put " + t.option + "=" + t.given + " in place: " + OutputTarget.reason(e), e);
        }
    }

    /** The journaled swap: journal, old aside, new in place, old deleted (only what the claim saw), journal deleted. */
    private void replace(OutputTarget t, Path tmp) throws IOException {
        Path old = Leftovers.fresh(t, Leftovers.Role.OLD);
        Path journal = Leftovers.fresh(t, Leftovers.Role.SWAP);
        try {
            new Leftovers.SwapJournal(tmp.getFileName().toString(), old.getFileName().toString(), start).write(journal);
            steps.reached("journal");
            Files.move(t.real, old, StandardCopyOption.ATOMIC_MOVE);
            steps.reached("old-aside");
            try {
                Files.move(tmp, t.real, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // something took the path in the instant between: put nothing over it, keep both
                Path keptOld = Leftovers.moveAside(old, t, "previous");
                Files.deleteIfExists(journal);
                throw conflict(t, tmp, List.of(t.name + " (created while this run replaced it; the content it had before is in "
                        + keptOld + ")"));
            }
            steps.reached("new-in-place");
            List<String> kept = start.deleteMatching(old);
            steps.reached("old-deleted");
            if (!kept.isEmpty()) {
                Path aside = Leftovers.moveAside(old, t, "previous");
                Files.deleteIfExists(journal);
                written = true;
                claim.keepParents();
                throw new OutputConflictException(DataValidationException.param(t.option, t.given, "the new result is in place, but "
                        + OutputTarget.some(kept) + " appeared in the old content while it was replaced; those were kept in " + aside,
                        "move what you need out of " + aside + ", then delete it").getMessage(), aside);
            }
            Files.deleteIfExists(journal);
        } finally {
            Leftovers.done(old);
            Leftovers.done(journal);
        }
    }

    /** Keeps the new result visible beside the output and says what appeared; deletes nothing. */
    private OutputConflictException conflict(OutputTarget t, Path tmp, List<String> appeared) {
        Path[] kept = new Path[1];
        String where = claim.keepAside(tmp, kept);
        written = true; // the claim is spent: a second write would meet the same folder
        return new OutputConflictException(DataValidationException.param(t.option, t.given, OutputTarget.some(appeared)
                        + " appeared in it while this run worked (another process or a person wrote there), so nothing in it was"
                        + " replaced or deleted; " + where,
                "move what you need, then run again (or choose another " + t.option + ")").getMessage(), kept[0]);
    }

    private static void deleteQuietly(Path tmp, Throwable into) {
        try {
            Tree.deleteOwn(tmp);
        } catch (IOException e) {
            if (into != null) into.addSuppressed(e);
        }
    }

    /** Releases the lock; when nothing was written, also removes the parent folders the claim created. */
    @Override public void close() {
        claim.close();
    }

    @Override public String toString() {
        return "OutputFolder[" + claim.target.real + (written ? ", written" : "") + "]";
    }
}
