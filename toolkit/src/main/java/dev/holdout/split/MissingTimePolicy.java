package dev.holdout.split;

/** What a time-based splitter does with rows whose time is missing. */
public enum MissingTimePolicy {
    /** Refuse the split, naming the first such row (the default: a silent choice would hide a data problem). */
    ERROR,
    /** Leave those rows out of every part; the manifest counts them. */
    DROP
}
