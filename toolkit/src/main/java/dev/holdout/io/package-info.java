/** Artifact writing: every file or folder Holdout produces is written to a temporary name and renamed into place. */
package dev.holdout.io;
