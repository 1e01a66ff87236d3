package dev.holdout.leakage;

/**
 * How bad a finding is. HIGH: scores measured on this split cannot be trusted. MEDIUM: they are
 * probably optimistic; look before you report them. LOW: worth knowing, not leakage by itself; a LOW
 * finding alone does not fail an audit ({@link AuditReport#clean()}).
 */
public enum Severity { HIGH, MEDIUM, LOW }
