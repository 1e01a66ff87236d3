package dev.holdout.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The writing half of taking an output, shared by {@link OutputFolder} and {@link OutputFile}: create the
 * missing parent folders, take the lock, repair what killed runs left. {@link #close} releases the lock and,
 * when nothing was written, removes the parent folders it created, so a refused or failed run leaves nothing.
 */
final class Claim implements AutoCloseable {
    final OutputTarget target;
    private final OutputLock lock;
    private final List<Path> createdParents;
    private boolean keepParents;

    private Claim(OutputTarget target, OutputLock lock, List<Path> createdParents) {
        this.target = target;
        this.lock = lock;
        this.createdParents = createdParents;
    }

    static Claim take(OutputTarget t) {
        List<Path> created = createParents(t);
        OutputLock lock;
        try {
            lock = OutputLock.acquire(t);
        } catch (RuntimeException e) {
            removeEmpty(created);
            throw e;
        }
        Claim c = new Claim(t, lock, created);
        try {
            Leftovers.recover(t);
            t.checkKind(); // recovery may have put a folder back, and someone may have put anything there
        } catch (IOException e) {
            c.close();
            throw new UncheckedIOException("could not check " + t.option + "=" + t.given + ": " + OutputTarget.reason(e), e);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Creates the missing parent folders (default permissions: the user's umask), returning them outermost first. */
    private static List<Path> createParents(OutputTarget t) {
        List<Path> missing = new ArrayList<>();
        for (Path p = t.parent; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) missing.add(0, p);
        List<Path> created = new ArrayList<>();
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                created.add(p);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    removeEmpty(created);
                    throw t.notWritable(p, "a file took its place");
                }
                // another run created it at the same moment: it is theirs, not ours to remove
            } catch (IOException e) {
                removeEmpty(created);
                Path where = p.getParent() == null ? p : p.getParent();
                if (e instanceof FileSystemException) throw t.notWritable(where, OutputTarget.reason(e));
                throw new UncheckedIOException("could not create " + p + ": " + OutputTarget.reason(e), e);
            }
        }
        return created;
    }

    /**
     * A fresh temporary name beside the target ({@code .NAME.tmp-PID-N}, a file keeping NAME's extension),
     * created empty with default permissions (the user's umask, not createTempDirectory's 0700 or
     * createTempFile's 0600). The caller calls {@link Leftovers#done} when it no longer uses the name.
     */
    Path createTemp() {
        for (int tries = 0; ; tries++) {
            Path tmp = Leftovers.fresh(target, Leftovers.Role.TMP);
            try {
                return target.kind == OutputTarget.Kind.FOLDER ? Files.createDirectory(tmp) : Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                Leftovers.done(tmp);
                if (tries > 100) throw new UncheckedIOException(e);
            } catch (IOException e) {
                Leftovers.done(tmp);
                throw new UncheckedIOException("could not create a temporary " + (target.kind == OutputTarget.Kind.FOLDER ? "folder" : "file")
                        + " beside " + target.given + ": " + OutputTarget.reason(e), e);
            }
        }
    }

    /**
     * The new result cannot take the target's place: keep it visible beside it ({@code NAME.new-N}) and say so in
     * the words {@code "this run's result was kept in ... instead"}, or delete it when even that fails.
     */
    String keepAside(Path tmp, Path[] kept) {
        try {
            kept[0] = Leftovers.moveAside(tmp, target, "new");
            keepParents();
            return "this run's result was kept in " + kept[0] + " instead";
        } catch (IOException e) {
            try {
                Tree.deleteOwn(tmp);
            } catch (IOException ignored) {
                // nothing more to do: the message says it is gone
            }
            return "this run's result was discarded";
        }
    }

    /** From now on the parents hold a result: keep them. */
    void keepParents() { keepParents = true; }

    @Override public void close() {
        lock.close();
        if (!keepParents) removeEmpty(createdParents);
    }

    private static void removeEmpty(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return; // someone else put something there: it stays, and so do its parents
            } catch (IOException e) {
                return;
            }
        }
    }
}
