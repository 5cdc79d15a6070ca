package dev.herd.cli.console;

import dev.herd.report.compare.FigureDelta;
import dev.herd.report.compare.SummaryComparison;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code herd compare}'s console table: one line per key figure, grouped, with the change in percent and a word
 * for what it means: {@code better}, {@code WORSE}, {@code changed}. compare.html has every figure.
 */
public final class ComparisonPrinter {

    private final PrintWriter out;

    public ComparisonPrinter(PrintWriter out) {
        this.out = out;
    }

    public void print(SummaryComparison comparison) {
        String group = null;
        out.printf(Locale.ROOT, "%-34s %14s %14s %12s  %s%n", "figure", "base", "new", "change", "");
        for (FigureDelta f : comparison.figures()) {
            if (!shown(f)) {
                continue;
            }
            if (!f.group().equals(group)) {
                group = f.group();
                out.println("-- " + group);
            }
            out.printf(Locale.ROOT, "%-34s %14s %14s %12s  %s%n", clip(f.label()), value(f.base(), f.unit()),
                    value(f.next(), f.unit()), change(f), mark(f.outcome()));
        }
        out.flush();
    }

    /**
     * The console shows the figures that say most (the page has them all): not those 0 in both runs, not
     * unchanged counts of histograms, and of each connect phase its p50, p99 and max.
     */
    static boolean shown(FigureDelta f) {
        if (f.base() == 0 && f.next() == 0) {
            return false;
        }
        if (f.path().endsWith(".count") && f.outcome() == FigureDelta.Outcome.SAME) {
            return false;
        }
        if (f.path().startsWith("connect.")) {
            return f.path().endsWith(".p50") || f.path().endsWith(".p99") || f.path().endsWith(".max");
        }
        return true;
    }

    private static String value(double v, String unit) {
        if (Double.isNaN(v)) {
            return "-";
        }
        String number = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%d", (long) v)
                : String.format(Locale.ROOT, "%.3f", v);
        return switch (unit) {
            case "ms" -> number + " ms";
            case "%" -> String.format(Locale.ROOT, "%.1f%%", v);
            case "/s" -> String.format(Locale.ROOT, "%.1f/s", v);
            default -> number;
        };
    }

    private static String change(FigureDelta f) {
        double pct = f.deltaPercent();
        if (Double.isNaN(pct)) {
            return "-";
        }
        if (Double.isInfinite(pct)) {
            return pct > 0 ? "from 0" : "to -inf";
        }
        return String.format(Locale.ROOT, "%+.1f%%", pct);
    }

    private static String mark(FigureDelta.Outcome o) {
        return switch (o) {
            case BETTER -> "better";
            case WORSE -> "WORSE";
            case CHANGED -> "changed";
            case ONLY_BASE -> "only in base";
            case ONLY_NEW -> "only in new";
            case SAME -> "";
        };
    }

    private static String clip(String s) {
        return s.length() <= 34 ? s : s.substring(0, 33) + "…";
    }
}
