package dev.holdout.featurestore;

import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A group and the features wanted from it ({@code NAME} for all, {@code NAME:f1,f2} for some), as
 * {@code --group} takes it.
 *
 * <pre>{@code
 * GroupSelection.parse("customers:spend_30d,plan");   // customers [spend_30d, plan]
 * GroupSelection.all("customers");                    // customers, every feature
 * }</pre>
 *
 * @param group    the group's name
 * @param features the features, in the order wanted; empty for all of the group's
 */
public record GroupSelection(String group, List<String> features) {
    public GroupSelection {
        if (group == null || group.isBlank()) {
            throw DataValidationException.param("--group", group, "names no group", "pass --group NAME or --group NAME:f1,f2");
        }
        features = List.copyOf(features);
    }

    public static GroupSelection all(String group) { return new GroupSelection(group, List.of()); }

    public static GroupSelection of(String group, String... features) { return new GroupSelection(group, List.of(features)); }

    /** {@code NAME} or {@code NAME:f1,f2,...}. */
    public static GroupSelection parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) return all(text.trim());
        List<String> fs = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String f : text.substring(colon + 1).split(",", -1)) {
            String t = f.trim();
            if (t.isEmpty()) {
                throw DataValidationException.param("--group", text, "has an empty feature name", "write --group NAME:f1,f2 without empty names");
            }
            if (!seen.add(t)) throw DataValidationException.param("--group", text, "names feature '" + t + "' twice", "name each feature once");
            fs.add(t);
        }
        return new GroupSelection(text.substring(0, colon).trim(), fs);
    }

    @Override public String toString() { return features.isEmpty() ? group : group + ":" + String.join(",", features); }
}
