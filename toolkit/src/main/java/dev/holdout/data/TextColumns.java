package dev.holdout.data;

import it.unimi.dsi.fastutil.bytes.Byte2IntOpenHashMap;
import it.unimi.dsi.fastutil.bytes.Byte2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ByteOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ShortOpenHashMap;
import it.unimi.dsi.fastutil.shorts.Short2IntOpenHashMap;
import it.unimi.dsi.fastutil.shorts.Short2ObjectOpenHashMap;
import java.util.List;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.ByteDictionaryMap;
import tech.tablesaw.columns.strings.IntDictionaryMap;
import tech.tablesaw.columns.strings.NullDictionaryMap;
import tech.tablesaw.columns.strings.ShortDictionaryMap;

/**
 * A Tablesaw {@link StringColumn} made at once from codes in order of first appearance and the distinct
 * values, through Tablesaw's own dictionary builders: the same dictionary that appending the values one
 * by one builds (a test checks they are equal), without a hash lookup and a boxed count per row, and
 * without the byte-to-short-to-int promotions (each a full re-append) on the way.
 */
final class TextColumns {
    private TextColumns() {}

    /** Row i is {@code values.get(codes[i])}, or missing where {@code codes[i] < 0}. */
    static StringColumn of(String name, int[] codes, int size, List<String> values) {
        int n = values.size();
        if (n <= Byte.MAX_VALUE - Byte.MIN_VALUE - 1) return bytes(name, codes, size, values);
        if (n <= Short.MAX_VALUE - Short.MIN_VALUE - 1) return shorts(name, codes, size, values);
        StringColumn c = ints(name, codes, size, values);
        // Appending, Tablesaw would leave short keys when the 65,535th distinct value came; it keeps a dictionary
        // then only if at most half of the rows so far were distinct, else it stores the strings plainly.
        int limit = Short.MAX_VALUE - Short.MIN_VALUE - 1;
        int at = 0;
        boolean missingBefore = false;
        while (codes[at] != limit) missingBefore |= codes[at++] < 0;
        int distinctSoFar = limit + (missingBefore ? 1 : 0);
        if (distinctSoFar > at * 0.5) return StringColumn.createInternal(name, new NullDictionaryMap(c.getDictionary()));
        return c;
    }

    private static final String MISSING = "";

    // Tablesaw's key for first-seen code c is DEFAULT_RETURN_VALUE + 1 + c (its keys count up from the type's
    // minimum), the missing key is the type's maximum, and nextIndex is the last key given out.

    private static StringColumn bytes(String name, int[] codes, int size, List<String> values) {
        byte[] keys = new byte[size];
        Byte2IntOpenHashMap counts = new Byte2IntOpenHashMap();
        for (int i = 0; i < size; i++) {
            byte k = codes[i] < 0 ? Byte.MAX_VALUE : (byte) (Byte.MIN_VALUE + 1 + codes[i]);
            keys[i] = k;
            counts.addTo(k, 1);
        }
        Byte2ObjectOpenHashMap<String> keyToValue = new Byte2ObjectOpenHashMap<>(values.size() + 1);
        Object2ByteOpenHashMap<String> valueToKey = new Object2ByteOpenHashMap<>(values.size() + 1);
        valueToKey.defaultReturnValue(Byte.MIN_VALUE);
        for (int c = 0; c < values.size(); c++) {
            keyToValue.put((byte) (Byte.MIN_VALUE + 1 + c), values.get(c));
            valueToKey.put(values.get(c), (byte) (Byte.MIN_VALUE + 1 + c));
        }
        if (counts.containsKey(Byte.MAX_VALUE)) {
            keyToValue.put(Byte.MAX_VALUE, MISSING);
            valueToKey.put(MISSING, Byte.MAX_VALUE);
        }
        ByteDictionaryMap map = new ByteDictionaryMap.ByteDictionaryBuilder()
                .setNextIndex(Byte.MIN_VALUE + values.size()).setKeyToValue(keyToValue).setValueToKey(valueToKey)
                .setKeyToCount(counts).setValues(keys).build();
        return StringColumn.createInternal(name, map);
    }

    private static StringColumn shorts(String name, int[] codes, int size, List<String> values) {
        short[] keys = new short[size];
        Short2IntOpenHashMap counts = new Short2IntOpenHashMap();
        for (int i = 0; i < size; i++) {
            short k = codes[i] < 0 ? Short.MAX_VALUE : (short) (Short.MIN_VALUE + 1 + codes[i]);
            keys[i] = k;
            counts.addTo(k, 1);
        }
        Short2ObjectOpenHashMap<String> keyToValue = new Short2ObjectOpenHashMap<>(values.size() + 1);
        Object2ShortOpenHashMap<String> valueToKey = new Object2ShortOpenHashMap<>(values.size() + 1);
        valueToKey.defaultReturnValue(Short.MIN_VALUE);
        for (int c = 0; c < values.size(); c++) {
            keyToValue.put((short) (Short.MIN_VALUE + 1 + c), values.get(c));
            valueToKey.put(values.get(c), (short) (Short.MIN_VALUE + 1 + c));
        }
        if (counts.containsKey(Short.MAX_VALUE)) {
            keyToValue.put(Short.MAX_VALUE, MISSING);
            valueToKey.put(MISSING, Short.MAX_VALUE);
        }
        ShortDictionaryMap map = new ShortDictionaryMap.ShortDictionaryBuilder()
                .setNextIndex(Short.MIN_VALUE + values.size()).setKeyToValue(keyToValue).setValueToKey(valueToKey)
                .setKeyToCount(counts).setCanPromoteToText(true).setValues(keys).build();
        return StringColumn.createInternal(name, map);
    }

    private static StringColumn ints(String name, int[] codes, int size, List<String> values) {
        int[] keys = new int[size];
        Int2IntOpenHashMap counts = new Int2IntOpenHashMap(values.size() + 1);
        for (int i = 0; i < size; i++) {
            int k = codes[i] < 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE + 1 + codes[i];
            keys[i] = k;
            counts.addTo(k, 1);
        }
        Int2ObjectOpenHashMap<String> keyToValue = new Int2ObjectOpenHashMap<>(values.size() + 1);
        Object2IntOpenHashMap<String> valueToKey = new Object2IntOpenHashMap<>(values.size() + 1);
        valueToKey.defaultReturnValue(Integer.MIN_VALUE);
        for (int c = 0; c < values.size(); c++) {
            keyToValue.put(Integer.MIN_VALUE + 1 + c, values.get(c));
            valueToKey.put(values.get(c), Integer.MIN_VALUE + 1 + c);
        }
        if (counts.containsKey(Integer.MAX_VALUE)) {
            keyToValue.put(Integer.MAX_VALUE, MISSING);
            valueToKey.put(MISSING, Integer.MAX_VALUE);
        }
        IntDictionaryMap map = new IntDictionaryMap.IntDictionaryBuilder()
                .setNextIndex(Integer.MIN_VALUE + values.size()).setKeyToValue(keyToValue).setValueToKey(valueToKey)
                .setKeyToCount(counts).setValues(keys).build();
        return StringColumn.createInternal(name, map);
    }
}
