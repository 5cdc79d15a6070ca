package dev.herd.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The page's template and assets, from the classpath: herd's template, CSS and script (this package's
 * resources) and uPlot's from its webjar. Everything is inlined, so the page needs nothing but itself.
 *
 * <pre>{@code
 * String page = PageTemplate.load().fill(Map.of("title", "…", "sections", "…", …));
 * }</pre>
 */
public final class PageTemplate {

    private static final String UPLOT_VERSION_FALLBACK = "1.6.30";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final String template;
    private final String reportCss;
    private final String reportJs;
    private final String uplotCss;
    private final String uplotJs;

    private PageTemplate(String template, String reportCss, String reportJs, String uplotCss, String uplotJs) {
        this.template = template;
        this.reportCss = reportCss;
        this.reportJs = reportJs;
        this.uplotCss = uplotCss;
        this.uplotJs = uplotJs;
    }

    /** Loads the template and assets; fails when uPlot's webjar is not on the classpath. */
    public static PageTemplate load() throws IOException {
        String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        return new PageTemplate(resource("dev/herd/report/html/report-template.html"),
                resource("dev/herd/report/html/report.css"), resource("dev/herd/report/html/report.js"),
                resource(uplot + "uPlot.min.css"), resource(uplot + "uPlot.iife.min.js"));
    }

    /** The uPlot version on the classpath (from its webjar's Maven properties). */
    public static String uplotVersion() {
        try (InputStream in = PageTemplate.class.getClassLoader().getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                return UPLOT_VERSION_FALLBACK;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", UPLOT_VERSION_FALLBACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fills the template's {@code {{name}}} placeholders in one pass (so a value that happens to contain a
     * placeholder is left as it is). Values must already be safe where they go: escaped HTML, or JSON with
     * {@code <} escaped.
     */
    public String fill(Map<String, String> values) {
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put("uplot_css", uplotCss);
        all.put("uplot_js", script(uplotJs));
        all.put("report_css", reportCss);
        all.put("report_js", script(reportJs));
        StringBuilder out = new StringBuilder(template.length() + uplotJs.length() + 65536);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            int close = open < 0 ? -1 : template.indexOf("}}", open);
            if (open < 0 || close < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            String name = template.substring(open + 2, close);
            String value = all.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for {{" + name + "}}");
            }
            out.append(value);
            i = close + 2;
        }
        return out.toString();
    }

    /** Keeps an inlined script from ending its element early. */
    private static String script(String js) {
        return js.replace("</script", "<\\/script");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PageTemplate.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing on the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
