package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Lenient reads from summary.json: a missing key, a null or a value of the wrong type is "absent", never an
 * exception, because sections are written by many hands and read by older and newer reports alike.
 */
public final class Json {

    private Json() {
    }

    /** The node at a dotted path ({@code connect.total.p99}); a missing node when any step is absent. */
    public static JsonNode at(JsonNode root, String dottedPath) {
        JsonNode node = root;
        for (String key : dottedPath.split("\\.")) {
            if (node == null || !node.isObject()) {
                return MissingNode.getInstance();
            }
            node = node.path(key);
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    /** The number at a dotted path, or NaN. */
    public static double number(JsonNode root, String dottedPath) {
        JsonNode n = at(root, dottedPath);
        return n.isNumber() ? n.doubleValue() : Double.NaN;
    }

    /** The text at a dotted path (numbers and booleans as text), or null. */
    public static String text(JsonNode root, String dottedPath) {
        JsonNode n = at(root, dottedPath);
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    /** A boolean at a dotted path, or null when absent or not a boolean. */
    public static Boolean bool(JsonNode root, String dottedPath) {
        JsonNode n = at(root, dottedPath);
        return n.isBoolean() ? n.booleanValue() : null;
    }

    /** True for an object whose values include at least one number. */
    public static boolean hasNumbers(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        for (JsonNode v : node) {
            if (v.isNumber()) {
                return true;
            }
        }
        return false;
    }
}
