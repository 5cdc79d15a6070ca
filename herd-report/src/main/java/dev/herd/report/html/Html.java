package dev.herd.report.html;

/**
 * A small HTML writer: elements with escaped text and attributes, appended in order. Every string that
 * comes from a results file goes through {@link #text} or an attribute, so a key or value can never inject
 * markup into the page.
 *
 * <pre>{@code
 * Html h = new Html();
 * h.open("p", "class", "note").text("No timeseries.json").close("p");
 * }</pre>
 */
public final class Html {

    private final StringBuilder out = new StringBuilder(4096);

    /** Opens an element; attributes as name/value pairs (a null value leaves the attribute out). */
    public Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
        out.append('>');
        return this;
    }

    public Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding only text. */
    public Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    public Html text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Markup produced by another {@code Html}, or a constant. */
    public Html raw(String markup) {
        out.append(markup);
        return this;
    }

    public Html newline() {
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Escapes text for element content and double-quoted attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
