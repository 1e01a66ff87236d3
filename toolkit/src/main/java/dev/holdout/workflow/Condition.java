package dev.holdout.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.JsonFields;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One condition of a {@code Condition} step, with SageMaker's types: {@code Equals}, {@code GreaterThan},
 * {@code GreaterThanOrEqualTo}, {@code LessThan}, {@code LessThanOrEqualTo} (a {@code left} and a {@code right}
 * {@link Value}), {@code In} ({@code value} and a list {@code in}), {@code Not} ({@code condition}) and {@code Or}
 * ({@code conditions}). A step's conditions must all hold for its {@code if_steps} to run, else its {@code else_steps}.
 *
 * <pre>{@code
 * {"type": "GreaterThanOrEqualTo", "left": {"json_get": {"step": "evaluate", "path": "metrics.roc_auc"}},
 *  "right": {"parameter": "min_auc"}}
 * {"type": "Not", "condition": {"type": "In", "value": {"parameter": "region"}, "in": ["eu", "us"]}}
 * }</pre>
 */
public sealed interface Condition permits Condition.Compare, Condition.In, Condition.Not, Condition.Or {

    /** The comparison types. */
    List<String> TYPES = List.of("Equals", "GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo", "In", "Not", "Or");

    /** {@code left <op> right}. */
    record Compare(String type, Value left, Value right) implements Condition {}

    /** {@code value} is one of {@code in}. */
    record In(Value value, List<Value> in) implements Condition {}

    /** The condition does not hold. */
    record Not(Condition condition) implements Condition {}

    /** At least one holds. */
    record Or(List<Condition> conditions) implements Condition {}

    /** Every value this condition reads (to check references before a run). */
    default List<Value> values() {
        List<Value> out = new ArrayList<>();
        if (this instanceof Compare c) {
            out.add(c.left());
            out.add(c.right());
        } else if (this instanceof In i) {
            out.add(i.value());
            out.addAll(i.in());
        } else if (this instanceof Not n) {
            out.addAll(n.condition().values());
        } else {
            for (Condition c : ((Or) this).conditions()) out.addAll(c.values());
        }
        return out;
    }

    /** Whether it holds, with {@code resolve} giving each value. */
    default boolean holds(Function<Value, JsonNode> resolve) {
        if (this instanceof Compare c) {
            JsonNode l = resolve.apply(c.left());
            JsonNode r = resolve.apply(c.right());
            if (c.type().equals("Equals")) return same(l, r);
            int cmp = compare(l, r, c);
            return switch (c.type()) {
                case "GreaterThan" -> cmp > 0;
                case "GreaterThanOrEqualTo" -> cmp >= 0;
                case "LessThan" -> cmp < 0;
                default -> cmp <= 0;
            };
        }
        if (this instanceof In i) {
            JsonNode v = resolve.apply(i.value());
            for (Value candidate : i.in()) if (same(v, resolve.apply(candidate))) return true;
            return false;
        }
        if (this instanceof Not n) return !n.condition().holds(resolve);
        for (Condition c : ((Or) this).conditions()) if (c.holds(resolve)) return true;
        return false;
    }

    /** A readable form: {@code evaluate.metrics.roc_auc >= parameter min_auc}. */
    default String describe() {
        if (this instanceof Compare c) {
            String op = switch (c.type()) {
                case "Equals" -> "==";
                case "GreaterThan" -> ">";
                case "GreaterThanOrEqualTo" -> ">=";
                case "LessThan" -> "<";
                default -> "<=";
            };
            return c.left().describe() + " " + op + " " + c.right().describe();
        }
        if (this instanceof In i) return i.value().describe() + " in " + i.in().stream().map(Value::describe).toList();
        if (this instanceof Not n) return "not (" + n.condition().describe() + ")";
        return String.join(" or ", ((Or) this).conditions().stream().map(c -> "(" + c.describe() + ")").toList());
    }

    /** Numbers compare as exact decimals ("0.80" equals 0.8); anything else by its JSON text. */
    private static boolean same(JsonNode a, JsonNode b) {
        BigDecimal x = JsonFields.decimal(a);
        BigDecimal y = JsonFields.decimal(b);
        if (x != null && y != null && (a.isNumber() || b.isNumber())) return x.compareTo(y) == 0;
        if (a.isTextual() && b.isTextual()) return a.asText().equals(b.asText());
        return a.equals(b);
    }

    private static int compare(JsonNode a, JsonNode b, Compare c) {
        BigDecimal x = JsonFields.decimal(a);
        BigDecimal y = JsonFields.decimal(b);
        if (x == null || y == null) {
            throw DataValidationException.param(c.type(), (x == null ? a : b).toString(),
                    "compares numbers only: " + c.describe() + " has " + (x == null ? a : b) + ", not a number",
                    "compare a numeric property or parameter, or use Equals/In for text");
        }
        return x.compareTo(y);
    }

    /** Reads one condition at {@code where}. */
    static Condition read(JsonFields f) {
        String type = f.text("type");
        switch (type) {
            case "Equals", "GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo" -> {
                f.allow("type", "left", "right");
                return new Compare(type, Value.read(f.get("left"), f.param("left")), Value.read(f.get("right"), f.param("right")));
            }
            case "In" -> {
                f.allow("type", "value", "in");
                JsonNode list = f.get("in");
                if (list == null || !list.isArray() || list.isEmpty()) {
                    throw DataValidationException.param(f.param("in"), list == null ? "missing" : list.toString(), "must be a non-empty list",
                            "write \"in\": [\"a\", \"b\"]");
                }
                List<Value> in = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) in.add(Value.read(list.get(i), f.param("in") + "[" + i + "]"));
                return new In(Value.read(f.get("value"), f.param("value")), in);
            }
            case "Not" -> {
                f.allow("type", "condition");
                return new Not(read(f.object("condition")));
            }
            case "Or" -> {
                f.allow("type", "conditions");
                List<JsonFields> list = f.objects("conditions");
                if (list.isEmpty()) {
                    throw DataValidationException.param(f.param("conditions"), "[]", "Or needs at least one condition", "list the alternatives");
                }
                return new Or(list.stream().map(Condition::read).toList());
            }
            default -> {
                String hint = dev.holdout.data.Columns.closest(type, TYPES);
                throw DataValidationException.param(f.param("type"), type, "is not a condition type",
                        (hint != null ? "did you mean '" + hint + "'? " : "") + "use one of " + TYPES);
            }
        }
    }
}
