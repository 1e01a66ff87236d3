package dev.holdout.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The catalogue of shipped datasets (see {@code datasets/README.md} for sources, licences and SHA-256).
 * They are packaged inside the toolkit jar, so {@code load} works from the CLI, tests and notebooks.
 *
 * <pre>{@code
 * Table weather = Datasets.load("seattle-weather");   // 1461 rows, date..weather + derived "rain"
 * Schema s = Datasets.schema("seattle-weather");      // label=rain, time=date
 * }</pre>
 *
 * <ul>
 *   <li>{@code seattle-weather}: daily Seattle weather 2012–2015 (NOAA). Binary label {@code rain}
 *       (1 when {@code weather == "rain"}), time {@code date}; {@code precipitation} and {@code weather}
 *       describe the same day's rain, so they are leaky and not features.
 *   <li>{@code birdstrikes}: 10,000 FAA wildlife strikes 1990–2002. Binary label {@code damage} (1 when
 *       {@code Effect Amount of damage} is not {@code None}), time {@code Flight Date}; the cost columns are
 *       recorded after the damage is known, so they are leaky.
 *   <li>{@code breast-cancer}: 569 Wisconsin diagnostic samples, binary label {@code malignant}.
 *   <li>{@code diabetes}: 442 patients, regression label {@code progression}.
 * </ul>
 */
public final class Datasets {
    private Datasets() {}

    private static final Map<String, DatasetInfo> CATALOGUE = new LinkedHashMap<>();

    static {
        add(new DatasetInfo("seattle-weather", "seattle-weather.csv",
                "Daily weather in Seattle, 2012-01-01 to 2015-12-31 (NOAA NCDC, via vega-datasets 3.2.1)",
                "binary classification (rain) or regression (temp_max), ordered by date",
                Schema.empty().withLabel("rain").withTime("date").withFeatures("temp_max", "temp_min", "wind")
                        .withType("date", ColumnKind.DATE),
                List.of("precipitation", "weather"),
                "rain = 1 if weather == \"rain\" else 0"));
        add(new DatasetInfo("birdstrikes", "birdstrikes.csv",
                "10,000 wildlife strikes reported to the U.S. FAA, 1990-2002 (via vega-datasets 3.2.1)",
                "binary classification (damage, ~11% positive), dated",
                Schema.empty().withLabel("damage").withTime("Flight Date")
                        .withFeatures("Airport Name", "Aircraft Make Model", "Aircraft Airline Operator", "Origin State",
                                "Phase of flight", "Wildlife Size", "Wildlife Species", "Time of day", "Speed IAS in knots")
                        .withType("Flight Date", ColumnKind.DATE).withType("Effect Amount of damage", ColumnKind.TEXT),
                List.of("Effect Amount of damage", "Cost Other", "Cost Repair", "Cost Total $"),
                "damage = 1 if \"Effect Amount of damage\" != \"None\" else 0"));
        add(new DatasetInfo("breast-cancer", "breast-cancer.csv",
                "Wisconsin diagnostic breast cancer, 569 samples x 30 features (via Debian python3-sklearn 1.2.1)",
                "binary classification (malignant, 37% positive)",
                Schema.empty().withLabel("malignant"), List.of(), ""));
        add(new DatasetInfo("diabetes", "diabetes.csv",
                "Diabetes progression one year after baseline, 442 patients (Efron et al. 2004, via Debian python3-sklearn 1.2.1)",
                "regression (progression)",
                Schema.empty().withLabel("progression"), List.of(), ""));
    }

    private static void add(DatasetInfo info) { CATALOGUE.put(info.name(), info); }

    /** The names of the shipped datasets. */
    public static List<String> names() { return new ArrayList<>(CATALOGUE.keySet()); }

    /** Everything known about a shipped dataset; an unknown name suggests the closest. */
    public static DatasetInfo info(String name) {
        DatasetInfo info = CATALOGUE.get(name);
        if (info == null) {
            String hint = Columns.closest(name, names());
            throw DataValidationException.param("dataset", name, "no such shipped dataset",
                    (hint != null ? "did you mean '" + hint + "'? " : "") + "choose one of " + names());
        }
        return info;
    }

    /** The roles of a shipped dataset's columns. */
    public static Schema schema(String name) { return info(name).schema(); }

    /** Loads a shipped dataset, with its derived label column added. */
    public static Table load(String name) {
        DatasetInfo info = info(name);
        byte[] bytes;
        try (InputStream in = Datasets.class.getResourceAsStream("/dev/holdout/datasets/" + info.file())) {
            if (in == null) {
                throw new IllegalStateException("dataset " + name + " is not packaged in the toolkit jar (" + info.file()
                        + "); rebuild with 'mvn -pl toolkit package'");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Schema typesOnly = Schema.empty();
        for (var e : info.schema().types().entrySet()) typesOnly = typesOnly.withType(e.getKey(), e.getValue());
        Table t = CsvLoader.csv().schema(typesOnly).load(info.file(), bytes);
        t.setName(name);
        switch (name) {
            case "seattle-weather" -> t.addColumns(indicator("rain", (StringColumn) t.column("weather"), "rain", true));
            case "birdstrikes" -> t.addColumns(indicator("damage", (StringColumn) t.column("Effect Amount of damage"), "None", false));
            default -> { }
        }
        return t;
    }

    /** 1 where {@code source == value} (or {@code !=} when {@code equal} is false). */
    private static IntColumn indicator(String name, StringColumn source, String value, boolean equal) {
        int[] out = new int[source.size()];
        for (int i = 0; i < out.length; i++) out[i] = (source.get(i).equals(value) == equal) ? 1 : 0;
        return IntColumn.create(name, out);
    }
}
