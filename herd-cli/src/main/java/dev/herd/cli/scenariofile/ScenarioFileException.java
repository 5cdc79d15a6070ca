package dev.herd.cli.scenariofile;

/**
 * A scenario file problem, always with the file and line: {@code broadcast.yaml:7: clients.subscribers: ...}.
 *
 * <p>The message is one line whatever the file holds: a value or key quoted in it may span lines in YAML, so line
 * breaks and other control characters in it are written as escapes ({@code \n}, {@code \r}, {@code \u0085}).
 */
public final class ScenarioFileException extends RuntimeException {

    private final String file;
    private final int line;

    public ScenarioFileException(String file, int line, String message) {
        super(oneLine(file + ":" + line + ": " + message));
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** {@code text} with every character that could end or move a console line escaped; tabs stay. */
    static String oneLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean breaks = c != '\t' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
            if (breaks && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (!breaks) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }
}
