package dev.holdout.split;

/** The parts of a holdout split, in time order: train before validation before test. */
public enum Part {
    TRAIN("train"), VALIDATION("validation"), TEST("test");

    private final String label;

    Part(String label) { this.label = label; }

    /** Lower-case name used in files and manifests: {@code train}, {@code validation}, {@code test}. */
    public String label() { return label; }

    @Override public String toString() { return label; }
}
