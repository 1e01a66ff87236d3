/**
 * Writing outputs so that nobody's data is lost: {@link dev.holdout.io.OutputFolder} for a result folder and
 * {@link dev.holdout.io.OutputFile} for a single file, the one way every verb (and every package) writes.
 *
 * <pre>{@code
 * try (OutputFolder out = OutputFolder.at(dir).named("--output").input("--input", csv).force(force).claim()) {
 *     ... the work ...
 *     out.write(tmp -> ...);
 * }
 * }</pre>
 *
 * <p>The rules: an output is checked before any work (not, not containing, not inside an input, by real path;
 * no dangling link; folder vs file; a writable parent); a lock beside it ({@code .NAME.lock}) refuses a second
 * run at once, naming its PID; a non-empty folder needs {@code --force}; the result is written under a
 * temporary name with the user's umask and swapped in, replacing only what was there at the claim — anything
 * that appeared meanwhile is never deleted and the new result is kept beside it ({@code NAME.new-N}); a replace
 * survives kill -9 at any instant (a journal, finished or undone by the next run), and leftovers of killed runs
 * are cleaned by the next run into the same output.
 *
 * <p>JSON reading: {@link dev.holdout.io.StrictJson} is the one JSON reader (and the one configured mapper), and
 * {@link dev.holdout.io.JsonFields} reads an object's fields strictly.
 *
 * <p>Also {@link dev.holdout.io.EnvironmentException}: what a run needs from the machine and did not find.
 */
package dev.holdout.io;
