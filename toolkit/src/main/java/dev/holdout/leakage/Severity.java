package dev.holdout.leakage;

/**
 * How bad a finding is. HIGH: scores measured on this split cannot be trusted. MEDIUM: they are
 * probably optimistic; look before you report them. LOW: worth knowing, not leakage by itself.
 */
public enum Severity { HIGH, MEDIUM, LOW }
