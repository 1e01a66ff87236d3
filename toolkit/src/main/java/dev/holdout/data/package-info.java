/**
 * Data in: the one CSV/TSV reader, column roles and types, shipped datasets, synthetic tables.
 *
 * <p>Workflow: {@link dev.holdout.data.CsvLoader} reads a file into a Tablesaw table (or {@link dev.holdout.data.Datasets#load}
 * a shipped one), a {@link dev.holdout.data.Schema} says which column is the label, the time, the group and the id and may
 * declare column types ({@link dev.holdout.data.ColumnKind}), and the {@code split} package takes it from there. Files too
 * large for a table, or read a few columns at a time, stream through {@link dev.holdout.data.CsvReader} (batches of primitive
 * columns, or whole columns as {@link dev.holdout.data.CsvColumns}). Both stand on one byte-level scanner and one rule for
 * what a cell means (quoting, line breaks, UTF-8, missing tokens, numbers, ISO times), so every verb reads a file alike; every
 * rule a file breaks is a {@link dev.holdout.data.DataValidationException} naming file, line, column and value, and an input
 * that cannot be opened says why ({@link dev.holdout.data.InputFiles}).
 *
 * <p>Labels (and categories, and group ids) are coded one way everywhere: {@link dev.holdout.data.LabelVocabulary}
 * orders them (numbers numerically, then text; "1" and "1.0" one label) and {@link dev.holdout.data.Target} is a
 * column coded by it.
 */
package dev.holdout.data;
