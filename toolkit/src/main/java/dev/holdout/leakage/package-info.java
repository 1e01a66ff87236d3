/**
 * The leakage audit: finds, in a split that already exists, the leaks the rest of Holdout prevents by
 * construction — duplicates across parts, training rows from the future or inside the gap, groups on both
 * sides, preprocessing fitted on more than train, features that give the label away.
 *
 * <pre>{@code
 * AuditReport r = LeakageAudit.of("damage").time("Flight Date").preprocessor(fitted).run(train, validation, test);
 * System.out.println(r);   // each finding with evidence, severity and a plain-language explanation
 * }</pre>
 * CLI: {@code holdout audit --split DIR --label COL [--time COL] [--group COL] [--preprocessor FILE]}.
 */
package dev.holdout.leakage;
