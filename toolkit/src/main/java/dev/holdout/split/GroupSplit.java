package dev.holdout.split;

import dev.holdout.data.Target;
import dev.holdout.data.SeededRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A random split by groups: every row of a group lands in the same part, so no group value appears in
 * two parts (a patient, a customer, a store). Sizes count groups, as scikit-learn's
 * {@code GroupShuffleSplit} does: {@code ceil(testSize · nGroups)} groups go to test.
 *
 * <pre>{@code
 * Split s = GroupSplit.on("patient_id").test(0.2).seed(3).split(visits);
 * Split h = GroupSplit.on("patient_id").test(0.2).seed(3).hashed().split(visits);  // each group by its hash
 * }</pre>
 *
 * <p>The hashed mode ({@link #hashed()}) places each group by a seeded hash of its value ({@link KeyHash})
 * instead of sampling groups: the test share of groups is then met on average rather than exactly, but a
 * group's part depends on nothing else, so the split is the same on Spark row for row and a new group
 * never moves an old one.
 */
public final class GroupSplit implements Splitter {
    private final String group;
    private final PartSize test;
    private final PartSize validation;
    private final long seed;
    private final boolean hashed;

    private GroupSplit(String group, PartSize test, PartSize validation, long seed, boolean hashed) {
        this.group = group;
        this.test = test;
        this.validation = validation;
        this.seed = seed;
        this.hashed = hashed;
    }

    /** Default test size 0.2 of the groups (as scikit-learn), seed {@link RandomSplit#DEFAULT_SEED}. */
    public static GroupSplit on(String group) {
        return new GroupSplit(group, PartSize.fraction(0.2), null, RandomSplit.DEFAULT_SEED, false);
    }

    public GroupSplit test(PartSize size) { return new GroupSplit(group, size, validation, seed, hashed); }

    /** The test part as a fraction, in (0, 1). */
    public GroupSplit test(double fraction) { return test(PartSize.fraction(fraction, "test")); }

    /** The test part as a count, at least 1. */
    public GroupSplit test(int count) { return test(PartSize.count(count, "test")); }

    public GroupSplit validation(PartSize size) { return new GroupSplit(group, test, size, seed, hashed); }

    /** The validation part as a fraction, in (0, 1). */
    public GroupSplit validation(double fraction) { return validation(PartSize.fraction(fraction, "validation")); }

    /** The validation part as a count, at least 1. */
    public GroupSplit validation(int count) { return validation(PartSize.count(count, "validation")); }

    public GroupSplit seed(long s) { return new GroupSplit(group, test, validation, s, hashed); }

    /** Hashed mode: each group's part from the seeded hash of its value alone (see {@link KeyHash}). */
    public GroupSplit hashed() { return new GroupSplit(group, test, validation, seed, true); }

    public boolean isHashed() { return hashed; }

    /** The hashed mode's settings, keyed by the group column (for engines that place rows themselves); refused unless hashed. */
    public HashedAssignment hashedAssignment() {
        if (!hashed) {
            throw dev.holdout.data.DataValidationException.param("assign", "sample", "only a hashed group split places each group by its value alone",
                    "use hashed() (CLI: --assign hash)");
        }
        return new HashedAssignment(group, seed, KeyHash.fraction(test, "testSize"), KeyHash.fraction(validation, "validationSize"));
    }

    @Override public Split split(Table table) {
        if (hashed) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("group", group);
            params.put("testSize", test.toString());
            if (validation != null) params.put("validationSize", validation.toString());
            return HashAssign.split(table, hashedAssignment(), "group", "group", params);
        }
        Target groups = Target.ids(table, group, "group");
        return split(groups.codes(), groups.classes());
    }

    /** Splits rows by group codes in [0, g). */
    public Split split(int[] groupOf, int g) {
        int[] sizes = Sizes.resolve(g, test, validation, "groups");
        int[] perm = new int[g];
        for (int i = 0; i < g; i++) perm[i] = i;
        new SeededRandom(seed).sampleToFront(perm, 0, g, sizes[1] + sizes[2]);
        byte[] partOfGroup = new byte[g];
        for (int i = 0; i < sizes[2]; i++) partOfGroup[perm[i]] = Assign.TEST;
        for (int i = sizes[2]; i < sizes[2] + sizes[1]; i++) partOfGroup[perm[i]] = Assign.VALIDATION;
        byte[] part = new byte[groupOf.length];
        for (int i = 0; i < part.length; i++) part[i] = partOfGroup[groupOf[i]];
        Map<String, String> params = new LinkedHashMap<>();
        params.put("group", group);
        params.put("testSize", test.toString());
        if (validation != null) params.put("validationSize", validation.toString());
        return Assign.fromCodes(part, new SplitProvenance("group", params, seed, groupOf.length));
    }
}
