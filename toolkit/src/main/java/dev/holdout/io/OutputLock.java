package dev.holdout.io;

import dev.holdout.data.DataValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lock beside an output: {@code PARENT/.NAME.lock}, held with an OS-level file lock for the whole run
 * and holding the owner's PID and process start time. The OS releases the lock when the process dies (kill -9
 * included), so a later run takes a stale lock over; the PID record names the owner in the "busy" message
 * and decides staleness where the file system cannot lock (then: the PID no longer alive, or alive with a
 * different start time, is stale). The file is deleted on release.
 *
 * <p>POSIX record locks belong to the process, and closing <em>any</em> descriptor of the file drops them all
 * (measured: reading the lock file by its path while holding it lets another process take it). So within one
 * JVM a lock file is opened by at most one channel at a time ({@link #GUARD}), and the held file is never read
 * by path: that the path still names the locked file is checked with {@code stat}. Should two runs still slip
 * past each other, the commit check (nothing appeared since the start) keeps either from deleting the other's data.
 */
final class OutputLock implements AutoCloseable {
    private static final AtomicLong TOKENS = new AtomicLong();
    /** Lock files this JVM has open, with what holds them: the one-channel-per-file rule above. */
    private static final ConcurrentHashMap<Path, String> GUARD = new ConcurrentHashMap<>();
    static final long PID = ProcessHandle.current().pid();
    static final String STARTED = startOf(ProcessHandle.current()).map(Instant::toString).orElse("unknown");

    final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Object key;

    private OutputLock(Path file, FileChannel channel, FileLock lock, Object key) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.key = key;
    }

    static Path fileFor(OutputTarget t) {
        return t.parent.resolve("." + t.name + ".lock");
    }

    /** Takes the lock of {@code t}, or refuses at once with the other owner's PID. */
    static OutputLock acquire(OutputTarget t) {
        Path file = fileFor(t);
        String me = "claim-" + TOKENS.incrementAndGet();
        if (GUARD.putIfAbsent(file, me) != null) throw busy(t, file, Map.of("pid", String.valueOf(PID), "self", "true"));
        boolean keep = false;
        try {
            for (int attempt = 0; attempt < 50; attempt++) {
                FileChannel ch;
                Object opened;
                try {
                    ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    opened = fileKey(file);
                } catch (FileSystemException e) {
                    if (e instanceof NoSuchFileException) throw t.notWritable(t.parent, "it does not exist");
                    throw t.notWritable(t.parent, OutputTarget.reason(e));
                } catch (IOException e) {
                    throw new UncheckedIOException("could not create the lock " + file + ": " + OutputTarget.reason(e), e);
                }
                try {
                    FileLock fl = null;
                    boolean osLocks = true;
                    try {
                        fl = ch.tryLock();
                    } catch (OverlappingFileLockException e) {
                        throw busy(t, file, Map.of("pid", String.valueOf(PID), "self", "true"));
                    } catch (IOException e) {
                        osLocks = false; // this file system cannot lock: the PID record decides
                    }
                    if (osLocks && fl == null) throw busy(t, file, readRecordPatiently(file));
                    if (!osLocks) {
                        Map<String, String> rec = readRecord(file);
                        if (isAlive(rec)) throw busy(t, file, rec);
                    }
                    // a releasing owner deletes the file: the path must still name the file we locked
                    Object now = fileKey(file);
                    if (now == null || opened == null || !now.equals(opened)) {
                        if (fl != null) fl.release();
                        close(ch);
                        continue;
                    }
                    String record = "holdout output lock\npid=" + PID + "\nstarted=" + STARTED + "\noutput=" + t.real + "\n";
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap(record.getBytes(StandardCharsets.UTF_8)), 0);
                    keep = true;
                    return new OutputLock(file, ch, fl, opened);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not take the lock " + file + ": " + OutputTarget.reason(e), e);
                } finally {
                    if (!keep) close(ch);
                }
            }
            throw new UncheckedIOException(new IOException("could not take the lock " + file + " (it kept changing hands)"));
        } finally {
            if (!keep) GUARD.remove(file, me);
        }
    }

    /** Deletes the lock file (while still holding it, so nobody can take the path in between) and releases it. */
    @Override public void close() {
        try {
            if (key.equals(fileKey(file))) Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (lock != null && lock.isValid()) lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
        GUARD.remove(file);
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether another run holds the lock file {@code lockFile} now (a nested output being written). */
    static Optional<Map<String, String>> heldByAnother(Path lockFile) {
        String me = "probe-" + TOKENS.incrementAndGet();
        if (GUARD.putIfAbsent(lockFile, me) != null) return Optional.of(Map.of("pid", String.valueOf(PID), "self", "true"));
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock fl;
            try {
                fl = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return Optional.of(Map.of("pid", String.valueOf(PID), "self", "true"));
            } catch (IOException e) {
                Map<String, String> rec = readRecord(lockFile);
                return isAlive(rec) ? Optional.of(rec) : Optional.empty();
            }
            if (fl == null) return Optional.of(readRecordPatiently(lockFile));
            fl.release();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // gone, or not ours to open: not a lock in use
        } finally {
            GUARD.remove(lockFile, me);
        }
    }
    private static DataValidationException busy(OutputTarget t, Path file, Map<String, String> rec) {
        String pid = rec.getOrDefault("pid", "unknown");
        String who = "true".equals(rec.get("self")) || pid.equals(String.valueOf(PID)) ? "PID " + pid + ", this process"
                : "PID " + pid + (rec.containsKey("started") && !"unknown".equals(rec.get("started")) ? ", started " + rec.get("started") : "");
        return DataValidationException.param(t.option, t.given, "another holdout run is writing it (" + who + "; lock " + file + ")",
                "wait for that run to finish, or choose another " + t.option);
    }

    /** A record whose owner is still running: its PID alive with the same process start time. */
    static boolean isAlive(Map<String, String> rec) {
        String pid = rec.get("pid");
        if (pid == null) return false;
        long p;
        try {
            p = Long.parseLong(pid.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(p);
        if (h.isEmpty() || !h.get().isAlive()) return false;
        String started = rec.get("started");
        if (started == null || started.equals("unknown")) return true; // cannot tell a reused PID: assume the owner
        return startOf(h.get()).map(Instant::toString).map(started::equals).orElse(true);
    }

    static Optional<Instant> startOf(ProcessHandle h) {
        return h.info().startInstant();
    }

    static Map<String, String> readRecord(Path file) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException | UncheckedIOException e) {
            // unreadable: an empty record
        }
        return m;
    }

    /** The owner writes its record just after locking: wait a moment for it rather than print "PID unknown". */
    private static Map<String, String> readRecordPatiently(Path file) {
        Map<String, String> rec = readRecord(file);
        for (int i = 0; i < 20 && !rec.containsKey("pid"); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            rec = readRecord(file);
        }
        return rec;
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
