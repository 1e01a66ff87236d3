package dev.holdout.split;

/**
 * The settings of a hashed split, for an engine that places rows itself (the {@code holdout-spark} module):
 * the key (a column, or null for the row's whole content), the seed and the part fractions. A row's part
 * is {@link #partOf(long)} of {@link KeyHash} of its key; nothing else is needed.
 *
 * <pre>{@code
 * HashedAssignment a = RandomSplit.create().test(0.2).hashedBy("id").seed(7).hashedAssignment();
 * a.partOf(KeyHash.seeded(a.seed()).of("id-17"));   // TEST, VALIDATION or TRAIN
 * }</pre>
 */
public record HashedAssignment(String keyColumn, long seed, double testFraction, double validationFraction) {
    /** Whether the key is the row's whole content (all cells in column order) rather than one column. */
    public boolean byRowContent() { return keyColumn == null; }

    public KeyHash hash() { return KeyHash.seeded(seed); }

    /** The part of a row whose key hashes to {@code hash}. */
    public Part partOf(long hash) { return KeyHash.part(KeyHash.position(hash), testFraction, validationFraction); }
}
