package dev.holdout.cli;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvLoader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Schema;
import dev.holdout.leakage.AuditReport;
import dev.holdout.leakage.LeakageAudit;
import dev.holdout.preprocess.FittedPreprocessor;
import dev.holdout.split.Gap;
import dev.holdout.split.SplitManifest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code holdout audit --split DIR --label COL}: audits the parts that {@code holdout split} wrote
 * (DIR/train.csv, optional DIR/validation.csv, DIR/test.csv, DIR/split.json) for leakage. Exit code 0
 * when CLEAN; 3 when leakage is found, and 3 too when the verdict is INCOMPLETE (nothing found, but a check
 * could not run on this data, e.g. a non-finite value or too few rows of a class: the reason is printed per
 * check, and on stderr). The time, group and id columns and the gap default to what split.json recorded.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Audit a split folder for leakage: duplicates across parts, training rows from the future or inside the gap,",
                "groups on both sides, preprocessing fitted outside train, features that give the label away.",
                "Every check reports ran, skipped (with the reason) or not requested.",
                "Exit code 0 when CLEAN; 3 when LEAKAGE FOUND, and 3 when INCOMPLETE (a check could not run on this data)."})
final class AuditCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--split", required = true, description = "Folder written by 'holdout split' (train.csv, validation.csv, test.csv, split.json).") Path dir;
    @Option(names = "--label", required = true, description = "Label column.") String label;
    @Option(names = "--time", description = "Time column (default: the one recorded in split.json, else the first date, date-time or "
            + "instant column).") String time;
    @Option(names = "--no-time", description = "Do not check time order (no time column is detected).") boolean noTime;
    @Option(names = "--group", description = "Group column (default: the one recorded in split.json).") String group;
    @Option(names = "--preprocessor", description = "A saved FittedPreprocessor JSON to check against the train part.") Path preprocessor;
    @Option(names = "--format", defaultValue = "table", description = "table | json (default ${DEFAULT-VALUE}).") String format;
    @picocli.CommandLine.Mixin TypesOption types;

    /**
     * The split.json that describes {@code dir}: its own, or for a fold folder ({@code fold-N/} written by a folded
     * strategy) the one of the folder above it, which names the label, time, group and id columns of every fold.
     */
    static Path manifestOf(Path dir) {
        Path own = dir.resolve("split.json");
        if (Files.isRegularFile(own)) return own;
        Path name = dir.toAbsolutePath().normalize().getFileName();
        Path parent = dir.toAbsolutePath().normalize().getParent();
        if (name != null && parent != null && name.toString().matches("fold-[0-9]+") && Files.isRegularFile(parent.resolve("split.json"))) {
            return parent.resolve("split.json");
        }
        return null;
    }

    @Override public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw DataValidationException.param("--format", format, "must be table or json", "pass --format table or --format json");
        }
        if (noTime && time != null) {
            throw DataValidationException.param("--no-time", true, "contradicts --time " + time, "drop one of the two options");
        }
        if (!Files.isDirectory(dir)) {
            throw DataValidationException.param("--split", dir, "is not a folder", "pass the folder 'holdout split --output' wrote");
        }
        Path trainFile = dir.resolve("train.csv");
        Path testFile = dir.resolve("test.csv");
        // a part that is there but cannot be read (a folder, a dangling link, no permission) is said so by the reader
        if (!Files.exists(trainFile, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.exists(testFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            boolean folds = Files.isDirectory(dir.resolve("fold-1"));
            throw DataValidationException.param("--split", dir, "has no train.csv and test.csv",
                    folds ? "this is a folds folder: audit one fold at a time, e.g. --split " + dir.resolve("fold-1")
                            : "pass the folder 'holdout split --output' wrote");
        }
        Path manifestFile = manifestOf(dir);
        SplitManifest manifest = manifestFile == null ? null : SplitManifest.read(manifestFile);
        List<String> notes = new ArrayList<>();
        boolean fold = manifestFile != null && !manifestFile.getParent().equals(dir);
        if (fold) notes.add("a fold of " + manifestFile.getParent() + " (strategy " + manifest.provenance().strategy() + "): its split.json names the columns");
        String timeCol = noTime ? null : time != null ? time : manifest == null ? null : manifest.schema().time();
        String groupCol = group != null ? group : manifest == null ? null : manifest.schema().group();
        String idCol = manifest == null ? null : manifest.schema().id();
        if (time == null && timeCol != null) notes.add("time column '" + timeCol + "' from split.json");
        if (group == null && groupCol != null) notes.add("group column '" + groupCol + "' from split.json");
        java.time.Duration gap = null;
        double gapUnits = 0;
        if (manifest != null && "time".equals(manifest.provenance().strategy())) {
            String g = manifest.provenance().parameters().get("gap");
            // split.json records "<n> units" for a whole-number time column, an ISO duration otherwise
            if (g != null && g.endsWith(" units")) {
                java.math.BigDecimal units = dev.holdout.data.DecimalText.parse(g.substring(0, g.length() - " units".length()));
                if (units == null || units.signum() < 0) {
                    throw DataValidationException.param("split.json: parameters.gap", g, "must be \"<n> units\" with n a number >= 0",
                            "re-run holdout split to write split.json again");
                }
                gapUnits = units.doubleValue();
            }
            else if (g != null) gap = Gap.parse(g);
        }

        // the train part's kinds (declared with --types, else inferred) are the kinds of the other parts
        Table train = CsvLoader.forFile(trainFile).schema(types.applyTo(Schema.empty())).load(trainFile);
        Schema sameTypes = Schema.empty();
        for (Map.Entry<String, ColumnKind> e : CsvLoader.kinds(train).entrySet()) sameTypes = sameTypes.withType(e.getKey(), e.getValue());
        Path validationFile = dir.resolve("validation.csv");
        Table validation = Files.exists(validationFile, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? CsvLoader.forFile(validationFile).schema(sameTypes).load(validationFile) : null;
        Table test = CsvLoader.forFile(testFile).schema(sameTypes).load(testFile);
        train.setName("train.csv");
        test.setName("test.csv");
        if (validation != null) validation.setName("validation.csv");

        LeakageAudit audit = LeakageAudit.of(label);
        if (timeCol != null) audit = audit.time(timeCol);
        if (noTime) audit = audit.noTime();
        if (groupCol != null) audit = audit.group(groupCol);
        if (idCol != null && train.containsColumn(idCol)) audit = audit.id(idCol);
        if (gap != null && !gap.isZero()) audit = audit.gap(gap);
        if (gapUnits > 0) audit = audit.gapUnits(gapUnits);
        if (preprocessor != null) audit = audit.preprocessor(FittedPreprocessor.load(preprocessor));
        AuditReport report = audit.run(train, validation, test);

        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) out.print(report.toJson());
        else {
            out.print(report);
            for (String n : notes) out.println("note: " + n);
        }
        out.flush();
        if (report.verdict() == AuditReport.Verdict.INCOMPLETE) {
            // exit 3 as for leakage: a gate that reads only the exit code must not pass a split nobody could vouch for
            PrintWriter err = spec.commandLine().getErr();
            err.println("holdout audit: INCOMPLETE: no leakage found, but not every check could run: "
                    + String.join("; ", report.checksSkipped().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
            err.flush();
        }
        return report.clean() ? HoldoutCli.EXIT_OK : HoldoutCli.EXIT_CHECK_FAILED;
    }
}
