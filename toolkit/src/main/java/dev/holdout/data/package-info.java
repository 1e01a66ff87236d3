/**
 * Data in: strict CSV/TSV loading into Tablesaw tables, column roles, shipped datasets, synthetic tables.
 *
 * <p>Workflow: {@link dev.holdout.data.CsvLoader} reads a file (or {@link dev.holdout.data.Datasets#load}
 * a shipped one), a {@link dev.holdout.data.Schema} says which column is the label, the time, the group
 * and the id, and the {@code split} package takes it from there. Every rule a file breaks is a
 * {@link dev.holdout.data.DataValidationException} naming file, line and column.
 *
 * <p>Labels (and categories, and group ids) are coded one way everywhere: {@link dev.holdout.data.LabelVocabulary}
 * orders them (numbers numerically, then text; "1" and "1.0" one label) and {@link dev.holdout.data.Target} is a
 * column coded by it.
 */
package dev.holdout.data;
