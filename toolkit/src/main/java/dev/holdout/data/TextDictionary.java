package dev.holdout.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Codes text cells by their bytes, in order of first appearance: a {@code String} is made once per
 * distinct value, never once per cell. An open-addressing table whose slots hold values of up to 16
 * bytes (category names, codes, ids: nearly all of them) packed into two longs, so a lookup compares two
 * longs in the slot instead of chasing a key array; longer values are compared byte by byte.
 */
final class TextDictionary {
    private static final byte LONG_KEY = 17;

    private final List<String> values = new ArrayList<>();
    private long[] k0 = new long[16], k1 = new long[16];
    private int[] code = new int[16];
    private byte[] len = new byte[16];
    private int mask = 15;
    /** The bytes of values longer than 16 bytes, by code (null for short ones). */
    private byte[][] longKeys = new byte[8][];
    /** Codes of one-byte values ("0", "1", "y": class labels), found without hashing; -1 when not seen yet. */
    private final int[] single = new int[256];

    TextDictionary() {
        Arrays.fill(code, -1);
        Arrays.fill(single, -1);
    }

    int size() { return values.size(); }

    String value(int c) { return values.get(c); }

    List<String> values() { return values; }

    /** The code of {@code b[from, to)}, adding it when it is new. */
    int code(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 1) {
            int c = single[b[from] & 0xFF];
            if (c >= 0) return c;
            return single[b[from] & 0xFF] = slowCode(b, from, to);
        }
        return slowCode(b, from, to);
    }

    private int slowCode(byte[] b, int from, int to) {
        int n = to - from;
        long a, c;
        byte l;
        if (n <= 16) {
            a = load(b, from, Math.min(n, 8));
            c = n > 8 ? load(b, from + 8, n - 8) : 0;
            l = (byte) n;
        } else {
            long h = 1;
            for (int i = from; i < to; i++) h = 31 * h + b[i];
            a = h;
            c = n;
            l = LONG_KEY;
        }
        long x = (a ^ Long.rotateLeft(c, 29) ^ l) * 0x9E3779B97F4A7C15L;
        int slot = (int) (x >>> 32) & mask;
        while (true) {
            int e = code[slot];
            if (e < 0) break;
            if (len[slot] == l && k0[slot] == a && k1[slot] == c && (l != LONG_KEY || same(longKeys[e], b, from, n))) return e;
            slot = (slot + 1) & mask;
        }
        int fresh = values.size();
        values.add(Cells.text(b, from, to));
        if (l == LONG_KEY) {
            if (fresh >= longKeys.length) longKeys = Arrays.copyOf(longKeys, Math.max(fresh + 1, longKeys.length * 2));
            longKeys[fresh] = Arrays.copyOfRange(b, from, to);
        }
        k0[slot] = a;
        k1[slot] = c;
        len[slot] = l;
        code[slot] = fresh;
        if ((fresh + 1) * 2 > code.length) rehash();
        return fresh;
    }

    /** Up to 8 bytes as a little-endian long (the first byte lowest), the rest zero. */
    private static long load(byte[] b, int from, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = (v << 8) | (b[from + i] & 0xFF);
        return v;
    }

    private static boolean same(byte[] k, byte[] b, int from, int n) {
        if (k.length != n) return false;
        for (int i = 0; i < n; i++) if (k[i] != b[from + i]) return false;
        return true;
    }

    private void rehash() {
        long[] o0 = k0, o1 = k1;
        int[] oc = code;
        byte[] ol = len;
        int cap = oc.length * 2;
        k0 = new long[cap];
        k1 = new long[cap];
        code = new int[cap];
        len = new byte[cap];
        Arrays.fill(code, -1);
        mask = cap - 1;
        for (int i = 0; i < oc.length; i++) {
            if (oc[i] < 0) continue;
            long x = (o0[i] ^ Long.rotateLeft(o1[i], 29) ^ ol[i]) * 0x9E3779B97F4A7C15L;
            int slot = (int) (x >>> 32) & mask;
            while (code[slot] >= 0) slot = (slot + 1) & mask;
            k0[slot] = o0[i];
            k1[slot] = o1[i];
            len[slot] = ol[i];
            code[slot] = oc[i];
        }
    }

    void clear() {
        values.clear();
        Arrays.fill(code, -1);
        Arrays.fill(single, -1);
    }
}
