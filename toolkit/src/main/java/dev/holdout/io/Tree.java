package dev.holdout.io;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a folder held at one moment: every entry (hidden ones too) by relative path, with enough of its
 * identity (type, size, modification time, inode) to tell whether it is still the same entry later.
 * It is how "only what was there at the start may be replaced" is kept: a folder is compared with its
 * snapshot before it is replaced, and {@link #deleteMatching} deletes only entries the snapshot holds.
 */
record Tree(boolean exists, Map<String, String> entries) {
    static final Tree ABSENT = new Tree(false, Map.of());

    Tree {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    boolean isEmpty() { return entries.isEmpty(); }

    /** The snapshot of {@code root} now ({@link #ABSENT} when nothing is there). Links are recorded, never followed. */
    static Tree scan(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return ABSENT;
        Map<String, String> m = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                if (!dir.equals(root)) m.put(rel(root, dir), "d");
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                m.put(rel(root, file), identity(file, a));
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE; // gone meanwhile: nothing to keep
                throw e;
            }
        });
        return new Tree(true, m);
    }

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static String identity(Path p, BasicFileAttributes a) throws IOException {
        if (a.isSymbolicLink()) return "l " + Files.readSymbolicLink(p);
        return "f " + a.size() + " " + a.lastModifiedTime() + " " + a.fileKey();
    }

    /** Entries of this (later) snapshot that {@code start} did not have, or had as something else: what appeared. */
    List<String> appearedSince(Tree start) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String before = start.entries.get(e.getKey());
            if (!e.getValue().equals(before)) out.add(e.getKey());
        }
        // a new folder is reported once, not with every file inside it
        List<String> top = new ArrayList<>();
        for (String p : out) {
            if (top.stream().noneMatch(t -> p.startsWith(t + "/"))) top.add(p);
        }
        return top;
    }

    /**
     * Deletes under {@code root} the files and links this snapshot holds, unchanged, and then every folder left
     * empty (root included). Anything else is left where it is and returned: nothing that appeared after the
     * snapshot is ever deleted.
     */
    List<String> deleteMatching(Path root) throws IOException {
        List<String> kept = new ArrayList<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return kept;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                String key = rel(root, file);
                if (identity(file, a).equals(entries.get(key))) Files.delete(file);
                else kept.add(key);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) throw e;
                String key = dir.equals(root) ? "" : rel(root, dir);
                if (!dir.equals(root) && !entries.containsKey(key)) {
                    if (isEmptyDir(dir)) Files.delete(dir); // an empty folder that appeared holds nothing to lose
                    else kept.add(key);
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException keep) {
                    // holds something kept above
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return kept;
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Deletes a tree this process made itself (a temporary folder); missing is fine. */
    static void deleteOwn(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }

            @Override public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) throw e;
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The snapshot as journal lines ({@code path\tidentity}, escaped); read back by {@link #fromLines}. */
    List<String> toLines() {
        List<String> out = new ArrayList<>();
        entries.forEach((k, v) -> out.add(escape(k) + "\t" + escape(v)));
        return out;
    }

    static Tree fromLines(List<String> lines) {
        Map<String, String> m = new TreeMap<>();
        for (String l : lines) {
            int tab = l.indexOf('\t');
            if (tab > 0) m.put(unescape(l.substring(0, tab)), unescape(l.substring(tab + 1)));
        }
        return new Tree(true, m);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '%' -> b.append("%25");
                case '\t' -> b.append("%09");
                case '\n' -> b.append("%0A");
                case '\r' -> b.append("%0D");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
