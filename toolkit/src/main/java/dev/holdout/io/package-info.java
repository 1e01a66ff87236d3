/**
 * Artifact writing: every file or folder Holdout produces is written to a temporary name and renamed into place.
 * JSON reading: {@link dev.holdout.io.StrictJson} is the one JSON reader (and the one configured mapper), and
 * {@link dev.holdout.io.JsonFields} reads an object's fields strictly.
 */
package dev.holdout.io;
