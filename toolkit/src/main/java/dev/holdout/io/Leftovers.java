package dev.holdout.io;

import dev.holdout.data.DataValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden names an output uses beside its target, and the recovery of those a killed run left behind.
 *
 * <pre>
 * .NAME.lock                    the lock ({@link OutputLock})
 * .NAME.tmp-PID-N[.ext]         the new content being written (a folder, or a file keeping NAME's extension)
 * .NAME.old-PID-N               the previous folder, moved aside during a replace
 * .NAME.swap-PID-N              the replace journal: written once the new folder is complete, deleted when done
 * .NAME.swap-PID-N.part         the journal being written
 * </pre>
 *
 * <p>A leftover is touched only when it is provably ours and dead: our exact naming for this target, and a PID
 * that is no longer running (or is running but started after the leftover was last written, so it is another
 * process with a reused PID, or is this process without a live claim on it). Recovery runs under the target's
 * lock, before the emptiness check, so a run sees the state a killed run left behind already repaired:
 * <ul>
 *   <li>a journal whose new folder still exists: the replace had not completed, so the old folder is put back
 *       (if it had been moved aside) and the new one deleted — the target holds the old complete state;</li>
 *   <li>a journal whose new folder is gone: it is in place, so the old folder is deleted (only the entries the
 *       journal recorded; anything else stays) — the target holds the new complete state;</li>
 *   <li>temporary content without a journal was never complete and is deleted.</li>
 * </ul>
 */
final class Leftovers {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Temporary names this JVM is using now: never leftovers, even though their PID is alive. */
    private static final Set<Path> ACTIVE = ConcurrentHashMap.newKeySet();

    enum Role { TMP, OLD, SWAP }

    private Leftovers() {}

    /** A fresh name for {@code role} beside {@code t}; the caller creates it exclusively and retries on a clash. */
    static Path fresh(OutputTarget t, Role role) {
        String ext = role == Role.TMP && t.kind == OutputTarget.Kind.FILE ? OutputTarget.extension(t.name, "") : "";
        Path p = t.parent.resolve("." + t.name + "." + role.name().toLowerCase(java.util.Locale.ROOT) + "-" + OutputLock.PID + "-"
                + SEQUENCE.incrementAndGet() + ext);
        ACTIVE.add(p);
        return p;
    }

    static void done(Path p) {
        ACTIVE.remove(p);
    }

    /** The role of {@code fileName} among {@code t}'s leftovers, with its PID, or empty when it is not one of ours. */
    static Optional<Match> match(OutputTarget t, String fileName) {
        String prefix = "." + t.name + ".";
        if (!fileName.startsWith(prefix)) return Optional.empty();
        String ext = t.kind == OutputTarget.Kind.FILE ? OutputTarget.extension(t.name, "") : "";
        Matcher m = Pattern.compile("(tmp|old|swap)-(\\d{1,19})-(\\d{1,19})(" + Pattern.quote(ext) + "|\\.part)?")
                .matcher(fileName.substring(prefix.length()));
        if (!m.matches()) return Optional.empty();
        Role role = Role.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
        String suffix = m.group(4) == null ? "" : m.group(4);
        boolean part = suffix.equals(".part");
        if (part && role != Role.SWAP) return Optional.empty();
        if (!part && !suffix.isEmpty() && role != Role.TMP) return Optional.empty();
        if (role == Role.TMP && !suffix.equals(ext)) return Optional.empty();
        try {
            return Optional.of(new Match(role, Long.parseLong(m.group(2)), part));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    record Match(Role role, long pid, boolean part) {}

    /** Ours and dead: the PID is gone, is a later process, or is this one without a live use of the name. */
    static boolean stale(Path p, long pid) {
        if (ACTIVE.contains(p)) return false;
        if (pid == OutputLock.PID) return true;
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) return true;
        Optional<Instant> started = OutputLock.startOf(h.get());
        try {
            FileTime written = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
            return started.isPresent() && started.get().isAfter(written.toInstant());
        } catch (IOException e) {
            return false;
        }
    }

    /** Repairs what killed runs left beside {@code t} (see the class comment). Runs under {@code t}'s lock. */
    static void recover(OutputTarget t) throws IOException {
        List<Path> journals = new ArrayList<>(), temps = new ArrayList<>(), parts = new ArrayList<>();
        try (var s = Files.list(t.parent)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Optional<Match> m = match(t, p.getFileName().toString());
                if (m.isEmpty() || !stale(p, m.get().pid())) continue;
                if (m.get().part()) parts.add(p);
                else if (m.get().role() == Role.SWAP) journals.add(p);
                else if (m.get().role() == Role.TMP) temps.add(p);
                // an .old- folder without its journal is never deleted here: nothing proves what it holds
            }
        }
        for (Path j : journals) finishOrUndo(t, j);
        for (Path p : temps) if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) Tree.deleteOwn(p);
        for (Path p : parts) Files.deleteIfExists(p);
    }

    private static void finishOrUndo(OutputTarget t, Path journalFile) throws IOException {
        SwapJournal j;
        try {
            j = SwapJournal.read(journalFile);
        } catch (IOException e) {
            return; // not a journal we wrote (ours are renamed into place whole): leave it alone
        }
        if (!isOurs(t, j.tmp(), Role.TMP) || !isOurs(t, j.old(), Role.OLD)) return;
        Path tmp = t.parent.resolve(j.tmp());
        Path old = t.parent.resolve(j.old());
        boolean oldThere = Files.exists(old, LinkOption.NOFOLLOW_LINKS);
        if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
            // the new folder never reached the target: put the old one back
            if (oldThere) {
                if (Files.exists(t.real, LinkOption.NOFOLLOW_LINKS)) {
                    Path kept = moveAside(old, t, "previous");
                    Tree.deleteOwn(tmp);
                    Files.deleteIfExists(journalFile);
                    throw DataValidationException.param(t.option, t.given, "an earlier run was killed while replacing it, and something"
                            + " new was put at " + t.given + " meanwhile; the content it had before that run was kept in " + kept,
                            "look at both, keep what you need, then run again");
                }
                Files.move(old, t.real, StandardCopyOption.ATOMIC_MOVE);
            }
            Tree.deleteOwn(tmp);
        } else if (oldThere) {
            // the new folder is in place: finish deleting the old one, but only what the journal recorded
            List<String> kept = j.before().deleteMatching(old);
            if (!kept.isEmpty()) {
                Path aside = moveAside(old, t, "previous");
                Files.deleteIfExists(journalFile);
                throw DataValidationException.param(t.option, t.given, "an earlier run replaced it, and while it did "
                        + OutputTarget.some(kept) + " appeared in the old content; those were kept in " + aside,
                        "move what you need out of " + aside + ", then delete it");
            }
        }
        Files.deleteIfExists(journalFile);
    }

    private static boolean isOurs(OutputTarget t, String name, Role role) {
        return !name.contains("/") && !name.contains("\\") && match(t, name).map(m -> m.role() == role && !m.part()).orElse(false);
    }

    /** Moves {@code p} to a free visible sibling {@code NAME.LABEL-N} and returns it. */
    static Path moveAside(Path p, OutputTarget t, String label) throws IOException {
        for (int tries = 0; ; tries++) {
            Path to = t.visibleSibling(label);
            try {
                Files.move(p, to, StandardCopyOption.ATOMIC_MOVE);
                return to;
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                if (tries > 100) throw e;
            }
        }
    }

    /** The replace journal: which temporary and old names it used and what the target held before. */
    record SwapJournal(String tmp, String old, Tree before) {
        static final String HEADER = "holdout output replace journal 1";

        void write(Path file) throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add(HEADER);
            lines.add("tmp\t" + Tree.escape(tmp));
            lines.add("old\t" + Tree.escape(old));
            lines.add("before");
            lines.addAll(before.toLines());
            Path part = file.resolveSibling(file.getFileName() + ".part");
            Files.write(part, lines, StandardCharsets.UTF_8);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        }

        static SwapJournal read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 4 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("tmp\t") || !lines.get(2).startsWith("old\t")) {
                throw new IOException("unreadable replace journal " + file);
            }
            return new SwapJournal(Tree.unescape(lines.get(1).substring(4)), Tree.unescape(lines.get(2).substring(4)),
                    Tree.fromLines(lines.subList(4, lines.size())));
        }
    }
}
