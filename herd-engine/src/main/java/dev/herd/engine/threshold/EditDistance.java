package dev.herd.engine.threshold;

/**
 * The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two adjacent
 * characters, each costing one. Used to suggest the figure a misspelt path meant.
 *
 * <pre>{@code
 * EditDistance.between("latncy.p99", "latency.p99");   // 1
 * EditDistance.between("lantecy.p99", "latency.p99");  // 1: one swap
 * }</pre>
 */
final class EditDistance {

    private EditDistance() {
    }

    static int between(String a, String b) {
        int n = a.length();
        int m = b.length();
        // Three rows suffice: a swap looks back two rows.
        int[] beforePrevious = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, beforePrevious[j - 2] + 1);
                }
                current[j] = best;
            }
            int[] recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }
        return previous[m];
    }
}
