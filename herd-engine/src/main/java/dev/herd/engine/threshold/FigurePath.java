package dev.herd.engine.threshold;

/**
 * The shape of a figure path: names of letters, digits and underscores joined by dots, as in {@code connect.tcp.p95}.
 *
 * <pre>{@code
 * FigurePath.isWellFormed("latency.p99");   // true
 * FigurePath.isWellFormed("p(99)");         // false
 * }</pre>
 */
final class FigurePath {

    private FigurePath() {
    }

    static boolean isWellFormed(String path) {
        if (path.isEmpty() || path.charAt(0) == '.' || path.charAt(path.length() - 1) == '.') {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean nameChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (c == '.' ? path.charAt(i - 1) == '.' : !nameChar) {
                return false;
            }
        }
        return true;
    }
}
