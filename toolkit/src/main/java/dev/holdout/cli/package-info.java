/**
 * The {@code holdout} command line: one picocli command per verb, thin over the library packages.
 * Exit codes: 0 success, 2 bad usage or input, 3 a check found a problem, 1 anything else.
 */
package dev.holdout.cli;
