package dev.herd.report.html;

import java.util.Locale;

/**
 * How the report writes numbers and key names: milliseconds with three significant digits, counts with
 * thousands separators, snake_case keys as words.
 */
public final class Figures {

    private Figures() {
    }

    /** A duration in ms, e.g. {@code 0.912 ms}, {@code 12.3 ms}, {@code 1,234 ms}; a dash when unknown. */
    public static String ms(double ms) {
        return Double.isNaN(ms) ? "–" : number(ms) + " ms";
    }

    /** A number as a reader wants it: integers whole, others to three significant digits (at least). */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return trim(String.format(Locale.ROOT, "%.1f", v));
        }
        if (a >= 10) {
            return trim(String.format(Locale.ROOT, "%.2f", v));
        }
        if (a >= 0.001) {
            return trim(String.format(Locale.ROOT, "%.3f", v));
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }

    /** Bytes in binary units: {@code 31.9 MiB}. */
    public static String bytes(double bytes) {
        if (Double.isNaN(bytes)) {
            return "–";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        double v = bytes;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (u == 0 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    /** A percentage to one decimal: {@code 12.5%}. */
    public static String percent(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", v);
    }

    /** A summary key as words: {@code first_message} → {@code first message}, {@code p999} → {@code p99.9}. */
    public static String label(String key) {
        if (key.matches("p9{3,}")) {
            return "p99." + key.substring(3);
        }
        String s = key;
        if (s.endsWith("_ms") && s.length() > 3) {
            s = s.substring(0, s.length() - 3) + " (ms)";
        }
        // A percentage carries its unit in the value (byKey), not in the name.
        if (s.endsWith("_percent") && s.length() > 8) {
            s = s.substring(0, s.length() - 8);
        }
        s = s.replace("_per_second", "/s").replace('_', ' ');
        return s;
    }

    /** A value of summary.json formatted by its key's unit: {@code *_ms} as ms, {@code *_bytes} as bytes. */
    public static String byKey(String key, double v) {
        if (key.endsWith("_bytes")) {
            return bytes(v);
        }
        if (key.endsWith("_percent")) {
            return percent(v);
        }
        return number(v);
    }

    private static String trim(String decimal) {
        if (!decimal.contains(".")) {
            return decimal;
        }
        String t = decimal.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
