/**
 * Artifact writing: every file or folder Holdout produces is written to a temporary name and renamed into place.
 * Also {@link dev.holdout.io.EnvironmentException}: what a run needs from the machine and did not find.
 */
package dev.holdout.io;
