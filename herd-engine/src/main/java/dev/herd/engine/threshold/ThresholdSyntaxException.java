package dev.herd.engine.threshold;

/**
 * A threshold expression that cannot be used: its message is one line naming the expression and what is wrong
 * with which side of it.
 *
 * <pre>{@code
 * try {
 *     ThresholdParser.parse(text);
 * } catch (ThresholdSyntaxException e) {
 *     err.println(e.getMessage());   // threshold 'latency.p99 < fast': right-hand side 'fast' is not a number ...
 *     return ExitCode.USAGE;
 * }
 * }</pre>
 */
public final class ThresholdSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final String problem;

    public ThresholdSyntaxException(String expression, String problem) {
        // Control characters are escaped so the message stays on one line whatever the input held.
        super(printable("threshold '" + expression + "': " + problem));
        this.expression = expression;
        this.problem = problem;
    }

    /** The expression as given, surrounding whitespace stripped. */
    public String expression() {
        return expression;
    }

    /** What is wrong with it, without the expression: e.g. {@code unknown figure 'latncy.p99' (...)}. */
    public String problem() {
        return problem;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
