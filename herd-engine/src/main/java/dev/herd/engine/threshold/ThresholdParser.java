package dev.herd.engine.threshold;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a threshold such as {@code latency.p99 < 50ms} once, at the edge, into a {@link ThresholdExpression}.
 *
 * <pre>{@code
 * ThresholdExpression t = ThresholdParser.parse("connections.failed_rate < 0.1%");
 * t.threshold();   // 0.001
 * }</pre>
 *
 * <p>The grammar ({@code ws} is any whitespace):
 * <pre>
 * threshold ::= ws* figure ws* operator ws* value ws*
 * figure    ::= name ( "." name )*
 * name      ::= ( letter | digit | "_" )+
 * operator  ::= "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!="
 * value     ::= number ( ws* unit )? | "true" | "false"
 * number    ::= "-"? digit+ ( "." digit+ )?
 * unit      ::= time-unit | "%"
 * time-unit ::= "us" | "ms" | "s" | "m" | "h"
 * </pre>
 * and then the figure must be in the {@link FigureCatalogue}, and the value must fit its {@link FigureKind}: a
 * time unit only on a time (converted to milliseconds), {@code %} only on a rate (divided by 100), {@code true} and
 * {@code false} only on a boolean and only with {@code ==} or {@code !=}, a negative number only on a
 * {@link FigureKind#NUMBER}. A number without a unit is in the figure's own unit. Options ({@code abort_on_fail},
 * {@code delay_abort_eval}) are not part of the text; set them on the result.
 *
 * <p>Anything else throws a {@link ThresholdSyntaxException} whose message names the expression, the side at fault
 * and what was expected, checked left to right: the figure, the operator, the value, then whether they fit.
 */
public final class ThresholdParser {

    private static final String OPERATORS = "<, <=, >, >=, ==, !=";
    private static final String NUMBER_EXPECTED = "a number with an optional unit (ms, s, %, ...)";
    private static final Pattern NUMBER_AND_SUFFIX = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)(.*)");

    /** The units a value may carry, and what one of each is in its figure's unit (ms for times, 1 for rates). */
    private enum Unit {
        MICROSECONDS("us", FigureKind.TIME, "0.001"),
        MILLISECONDS("ms", FigureKind.TIME, "1"),
        SECONDS("s", FigureKind.TIME, "1000"),
        MINUTES("m", FigureKind.TIME, "60000"),
        HOURS("h", FigureKind.TIME, "3600000"),
        PERCENT("%", FigureKind.RATE, "0.01");

        private final String symbol;
        private final FigureKind appliesTo;
        // Decimal, so 0.1% is the double nearest 0.001 and 1.1s exactly 1100 ms, with no binary rounding between.
        private final BigDecimal factor;

        Unit(String symbol, FigureKind appliesTo, String factor) {
            this.symbol = symbol;
            this.appliesTo = appliesTo;
            this.factor = new BigDecimal(factor);
        }

        static Optional<Unit> ofSymbol(String symbol) {
            for (Unit unit : values()) {
                if (unit.symbol.equals(symbol)) {
                    return Optional.of(unit);
                }
            }
            return Optional.empty();
        }
    }

    /** The right-hand side as written: a number with an optional unit, or a boolean literal. */
    private record Value(String written, BigDecimal number, Unit unit, Boolean bool) {
    }

    private ThresholdParser() {
    }

    /** Parses {@code text} against the {@linkplain FigureCatalogue#standard() standard catalogue}. */
    public static ThresholdExpression parse(String text) {
        return parse(text, FigureCatalogue.standard());
    }

    /** Parses {@code text} against {@code catalogue}, e.g. one a scenario added its section's figures to. */
    public static ThresholdExpression parse(String text, FigureCatalogue catalogue) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(catalogue, "catalogue");
        String source = text.strip();
        if (source.isEmpty()) {
            throw new ThresholdSyntaxException(source,
                    "empty expression; expected <figure> <operator> <value>, e.g. 'latency.p99 < 50ms'");
        }
        int operatorStart = 0;
        while (operatorStart < source.length() && !isOperatorChar(source.charAt(operatorStart))) {
            operatorStart++;
        }
        if (operatorStart == source.length()) {
            throw new ThresholdSyntaxException(source,
                    "missing comparison operator; expected one of " + OPERATORS + " between the figure and the value");
        }
        int operatorEnd = operatorStart;
        while (operatorEnd < source.length() && isOperatorChar(source.charAt(operatorEnd))) {
            operatorEnd++;
        }
        String left = source.substring(0, operatorStart).strip();
        String operatorText = source.substring(operatorStart, operatorEnd);
        String right = source.substring(operatorEnd).strip();

        Figure figure = parseFigure(source, left, catalogue);
        ComparisonOperator operator = ComparisonOperator.ofSymbol(operatorText).orElseThrow(
                () -> new ThresholdSyntaxException(source, unknownOperator(operatorText)));
        Value value = parseValue(source, right, figure);
        double threshold = normalise(source, figure, operator, value, catalogue);
        return new ThresholdExpression(source, figure, operator, threshold, false, Duration.ZERO);
    }

    private static Figure parseFigure(String source, String left, FigureCatalogue catalogue) {
        if (left.isEmpty()) {
            throw new ThresholdSyntaxException(source, "left-hand side is empty; expected a figure such as 'latency.p99'");
        }
        if (!FigurePath.isWellFormed(left)) {
            throw new ThresholdSyntaxException(source, "left-hand side '" + left
                    + "' is not a figure path (dotted names such as 'latency.p99')");
        }
        return catalogue.find(left).orElseThrow(() -> new ThresholdSyntaxException(source, "unknown figure '" + left
                + "' " + catalogue.suggest(left).map(s -> "(did you mean '" + s + "'?)")
                .orElse("(docs/thresholds.md lists the figures)")));
    }

    private static String unknownOperator(String written) {
        String hint = switch (written) {
            case "=" -> "; did you mean '=='?";
            case "=<" -> "; did you mean '<='?";
            case "=>" -> "; did you mean '>='?";
            case "<>", "=!" -> "; did you mean '!='?";
            default -> "";
        };
        return "unknown operator '" + written + "'; expected one of " + OPERATORS + hint;
    }

    private static Value parseValue(String source, String right, Figure figure) {
        if (right.isEmpty()) {
            String expected = figure.kind() == FigureKind.BOOLEAN ? "true or false" : NUMBER_EXPECTED;
            throw new ThresholdSyntaxException(source, "right-hand side is empty; expected " + expected);
        }
        int firstEnd = endOfToken(right, 0);
        String first = right.substring(0, firstEnd);
        int consumed = firstEnd;
        Value value;
        if (first.equals("true") || first.equals("false")) {
            value = new Value(first, null, null, Boolean.valueOf(first));
        } else {
            Matcher m = NUMBER_AND_SUFFIX.matcher(first);
            String suffix = m.matches() ? m.group(2) : "";
            if (!m.matches() || !(suffix.isEmpty() || Character.isLetter(suffix.charAt(0)) || suffix.charAt(0) == '%')) {
                throw new ThresholdSyntaxException(source, "right-hand side '" + first + "' is not " + NUMBER_EXPECTED);
            }
            BigDecimal number = new BigDecimal(m.group(1));
            String unitText = suffix;
            String written = first;
            if (suffix.isEmpty()) {
                // "50 ms": a unit may stand apart from its number.
                int nextStart = startOfToken(right, firstEnd);
                int nextEnd = endOfToken(right, nextStart);
                if (nextStart < right.length() && Unit.ofSymbol(right.substring(nextStart, nextEnd)).isPresent()) {
                    unitText = right.substring(nextStart, nextEnd);
                    written = right.substring(0, nextEnd);
                    consumed = nextEnd;
                }
            }
            Unit unit = null;
            if (!unitText.isEmpty()) {
                String unknown = unitText;
                unit = Unit.ofSymbol(unitText).orElseThrow(() -> new ThresholdSyntaxException(source,
                        "right-hand side '" + first + "' has an unknown unit '" + unknown
                                + "'; expected us, ms, s, m, h or %"));
            }
            value = new Value(written, number, unit, null);
        }
        String rest = right.substring(consumed).strip();
        if (!rest.isEmpty()) {
            throw new ThresholdSyntaxException(source, "unexpected '" + rest + "' after the right-hand side '"
                    + value.written() + "'");
        }
        return value;
    }

    private static double normalise(String source, Figure figure, ComparisonOperator operator, Value value,
                                    FigureCatalogue catalogue) {
        String path = figure.path();
        FigureKind kind = figure.kind();
        if (kind == FigureKind.BOOLEAN) {
            if (value.bool() == null) {
                throw new ThresholdSyntaxException(source, "right-hand side '" + value.written()
                        + "' is not true or false, and " + path + " is a boolean");
            }
            if (operator != ComparisonOperator.EQUAL && operator != ComparisonOperator.NOT_EQUAL) {
                throw new ThresholdSyntaxException(source, "operator '" + operator.symbol()
                        + "' does not compare booleans; " + path + " takes == or !=");
            }
            return value.bool() ? 1 : 0;
        }
        if (value.bool() != null) {
            throw new ThresholdSyntaxException(source, "'" + value.written() + "' applies to booleans, and " + path
                    + " is " + kind.description());
        }
        Unit unit = value.unit();
        if (unit != null && unit.appliesTo != kind) {
            throw new ThresholdSyntaxException(source, "'" + unit.symbol + "' applies to "
                    + (unit == Unit.PERCENT ? "rates" : "times") + ", and " + path + " is " + kind.description()
                    + unitHint(figure, operator, value, catalogue));
        }
        if (value.number().signum() < 0 && kind != FigureKind.NUMBER) {
            throw new ThresholdSyntaxException(source, "right-hand side '" + value.written() + "' is negative, but "
                    + path + " is " + kind.description() + " and never below zero");
        }
        double threshold = (unit == null ? value.number() : value.number().multiply(unit.factor)).doubleValue();
        if (!Double.isFinite(threshold)) {
            throw new ThresholdSyntaxException(source, "right-hand side '" + value.written() + "' is too large");
        }
        return threshold;
    }

    private static String unitHint(Figure figure, ComparisonOperator operator, Value value, FigureCatalogue catalogue) {
        if (value.unit() != Unit.PERCENT) {
            return "";
        }
        if (figure.path().endsWith("_percent")) {
            return " already in percent (write '" + figure.path() + " " + operator.symbol() + " "
                    + value.number().toPlainString() + "')";
        }
        String rate = figure.path() + "_rate";
        return catalogue.find(rate).isPresent() ? " (did you mean '" + rate + "'?)" : "";
    }

    private static boolean isOperatorChar(char c) {
        return c == '<' || c == '>' || c == '=' || c == '!';
    }

    private static int startOfToken(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int endOfToken(String text, int from) {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
