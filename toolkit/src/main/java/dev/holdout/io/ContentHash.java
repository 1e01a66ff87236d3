package dev.holdout.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * SHA-256 of file contents and of whole folders: the one content fingerprint for what must not depend on paths or
 * times (registry artifacts, pipeline step caching). A folder's digest is the SHA-256 of its listing — one line
 * {@code <sha256> <bytes> <relative/path>} per regular file, sorted by path (with {@code /} separators) — so two
 * folders with the same files have the same digest wherever they are and whenever they were written.
 *
 * <pre>{@code
 * String f = ContentHash.file(Path.of("train.csv"));            // "9f86d08..." (64 hex digits)
 * ContentHash.Tree t = ContentHash.folder(Path.of("runs/rain/model"));
 * t.digest();                                                   // same files -> same digest
 * t.files();                                                    // {"model.ubj" -> Entry[sha256, bytes], ...}
 * }</pre>
 */
public final class ContentHash {
    private ContentHash() {}

    /** One file of a tree: its SHA-256 and size. */
    public record Entry(String sha256, long bytes) {}

    /** A folder's regular files (relative paths with {@code /}, sorted) and the digest of that listing. */
    public record Tree(Map<String, Entry> files, String digest) {
        public Tree {
            files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
        }

        /** The tree of these entries (the digest computed from them). */
        public static Tree of(Map<String, Entry> files) {
            return new Tree(files, digestOf(files));
        }

        /** The entries under {@code prefix/} (paths relative to it), with their own digest. */
        public Tree under(String prefix) {
            String p = prefix.endsWith("/") ? prefix : prefix + "/";
            Map<String, Entry> sub = new TreeMap<>();
            files.forEach((k, v) -> {
                if (k.startsWith(p)) sub.put(k.substring(p.length()), v);
            });
            return of(sub);
        }
    }

    /** A new SHA-256 digester (every JVM has SHA-256). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Lower-case hex of a digest. */
    public static String hex(byte[] digest) { return HexFormat.of().formatHex(digest); }

    /** SHA-256 of the bytes of a text (UTF-8). */
    public static String text(String s) { return hex(sha256().digest(s.getBytes(StandardCharsets.UTF_8))); }

    /** SHA-256 of a file's contents. */
    public static String file(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, OutputStream.nullOutputStream()).sha256();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Copies {@code in} to {@code out}, hashing the bytes as they pass: the digest is of exactly what was written. */
    public static Entry copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        long n = 0;
        for (int r; (r = in.read(buf)) >= 0; ) {
            md.update(buf, 0, r);
            out.write(buf, 0, r);
            n += r;
        }
        return new Entry(hex(md.digest()), n);
    }

    /** Every regular file under {@code dir} (symbolic links are followed as the files they point at). */
    public static Tree folder(Path dir) {
        Map<String, Entry> files = new TreeMap<>();
        for (Path f : regularFiles(dir)) files.put(relative(dir, f), new Entry(file(f), size(f)));
        return Tree.of(files);
    }

    /** The regular files under {@code dir}, sorted by relative path. */
    public static List<Path> regularFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            List<Path> out = new ArrayList<>(s.filter(Files::isRegularFile).toList());
            out.sort((a, b) -> relative(dir, a).compareTo(relative(dir, b)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code file} relative to {@code dir}, with {@code /} separators. */
    public static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    /** The digest of a listing: SHA-256 over {@code "<sha256> <bytes> <path>\n"} lines in path order. */
    public static String digestOf(Map<String, Entry> files) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(files).forEach((p, e) -> sb.append(e.sha256()).append(' ').append(e.bytes()).append(' ').append(p).append('\n'));
        return text(sb.toString());
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }
}
