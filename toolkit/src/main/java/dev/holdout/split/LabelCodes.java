package dev.holdout.split;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A column's values as dense int codes (0..k-1 in order of first appearance), with the value text of
 * each code. Used for labels and groups; a missing value is an error naming the row.
 */
record LabelCodes(int[] codes, List<String> values) {
    int classes() { return values.size(); }

    int[] counts() {
        int[] c = new int[values.size()];
        for (int code : codes) c[code]++;
        return c;
    }

    static LabelCodes of(Table table, String column, String param) {
        Column<?> col = Columns.require(table, column, param);
        int n = col.size();
        int[] codes = new int[n];
        Map<String, Integer> index = new HashMap<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (col.isMissing(i)) {
                throw DataValidationException.atRow(table.name(), i + 1, column, "",
                        "no " + param + " value; fill it, or drop rows with a missing " + param + " before splitting");
            }
            String v = col.getString(i);
            Integer code = index.get(v);
            if (code == null) {
                code = values.size();
                index.put(v, code);
                values.add(v);
            }
            codes[i] = code;
        }
        return new LabelCodes(codes, List.copyOf(values));
    }
}
