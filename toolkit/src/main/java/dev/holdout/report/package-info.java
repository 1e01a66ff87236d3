/** Rendering: HTML fragments and pages for notebooks and run folders, and headless PNG charts. */
package dev.holdout.report;
