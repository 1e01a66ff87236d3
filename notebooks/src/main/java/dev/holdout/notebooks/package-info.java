/**
 * Java notebooks: a Jupyter kernel with the Holdout toolkit built in, and the command that installs it or
 * executes a notebook headless.
 *
 * <p>Workflow: {@code holdout notebook install} writes the kernelspec ({@link dev.holdout.notebooks.KernelSpec});
 * Jupyter starts {@link dev.holdout.notebooks.HoldoutKernel}, which evaluates each cell with JShell inside its own
 * JVM ({@link dev.holdout.notebooks.CellExecutionControl}) and shows the last value through
 * {@link dev.holdout.notebooks.RichDisplay} — tables as HTML, charts as PNG, reports through their
 * {@code toHtml()}. {@code holdout notebook run FILE.ipynb} executes a notebook with nbconvert
 * ({@link dev.holdout.notebooks.NotebookRunner}); CI runs the course that way.
 *
 * <pre>{@code
 * // in a cell (the toolkit's packages are imported already)
 * Table weather = Datasets.load("seattle-weather");
 * weather                      // an HTML table of the first rows
 * }</pre>
 */
package dev.holdout.notebooks;
