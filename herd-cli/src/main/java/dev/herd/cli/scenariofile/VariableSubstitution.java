package dev.herd.cli.scenariofile;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a scenario file's text with values given by
 * {@code -e NAME=VALUE}, then the environment, then the default. Works line by line so that an unset
 * variable is reported with its line. {@code $${...}} stands for a literal {@code ${...}}. A line that is a comment
 * alone ({@code # ...}) is left as it is: a variable named in a comment is documentation, not a value to ask for.
 */
final class VariableSubstitution {

    private static final Pattern VARIABLE = Pattern.compile("\\$?\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final String fileName;
    private final Map<String, String> given;
    private final Map<String, String> environment;

    VariableSubstitution(String fileName, Map<String, String> given, Map<String, String> environment) {
        this.fileName = fileName;
        this.given = given;
        this.environment = environment;
    }

    String apply(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(applyToLine(lines[i], i + 1));
        }
        return out.toString();
    }

    private String applyToLine(String line, int lineNumber) {
        if (line.stripLeading().startsWith("#")) {
            return line;
        }
        Matcher m = VARIABLE.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().startsWith("$$")) {
                replacement = m.group().substring(1);
            } else {
                String name = m.group(1);
                replacement = given.containsKey(name) ? given.get(name) : environment.get(name);
                if (replacement == null) {
                    replacement = m.group(2);
                }
                if (replacement == null) {
                    throw new ScenarioFileException(fileName, lineNumber, "${" + name + "} is not set (pass -e "
                            + name + "=VALUE, set it in the environment, or write ${" + name + ":-default})");
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
