package dev.herd.report.html.chart;

/**
 * Series colours: the Okabe–Ito palette (told apart with the common colour-vision deficiencies), darkened
 * where needed for contrast on white, then a few extra.
 */
public final class Palette {

    private static final String[] COLORS = {
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#56B4E9", // sky blue
        "#333333", // near black
        "#8C6D1F", // dark yellow
        "#7A3E9D", // violet
        "#2F8F8F", // teal
    };

    private Palette() {
    }

    /** The i-th colour, cycling. */
    public static String color(int i) {
        return COLORS[Math.floorMod(i, COLORS.length)];
    }

    public static int size() {
        return COLORS.length;
    }
}
