package dev.herd.report.junit;

import dev.herd.engine.threshold.ThresholdOutcome;
import dev.herd.engine.threshold.ThresholdVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code junit.xml}: one test suite per run, one test case per threshold (a failure carries the
 * threshold's note), so CI systems show herd's verdict like their other tests. A run without thresholds
 * gets one passing case for the run itself.
 */
public final class JUnitXmlWriter {

    public void write(String scenario, double durationSeconds, ThresholdVerdict verdict, boolean interrupted,
                      Path file) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int cases = Math.max(1, verdict.outcomes().size());
        long failures = verdict.outcomes().stream().filter(o -> !o.passed()).count();
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"herd.%s\" tests=\"%d\" failures=\"%d\" errors=\"0\""
                + " time=\"%.3f\">%n", escape(scenario), cases, failures, durationSeconds));
        if (interrupted) {
            xml.append("  <properties><property name=\"interrupted\" value=\"true\"/></properties>\n");
        }
        if (verdict.outcomes().isEmpty()) {
            xml.append(String.format("  <testcase classname=\"herd.%s\" name=\"run completed\"/>%n", escape(scenario)));
        }
        for (ThresholdOutcome o : verdict.outcomes()) {
            xml.append(String.format("  <testcase classname=\"herd.%s.thresholds\" name=\"%s\"",
                    escape(scenario), escape(o.expression().text())));
            if (o.passed()) {
                xml.append("/>\n");
            } else {
                String note = o.note() == null ? "actual " + o.actual() : o.note();
                xml.append(">\n    <failure message=\"").append(escape(note)).append("\" type=\"threshold\">")
                        .append(escape(o.expression().text() + ": " + note)).append("</failure>\n  </testcase>\n");
            }
        }
        xml.append("</testsuite>\n");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
