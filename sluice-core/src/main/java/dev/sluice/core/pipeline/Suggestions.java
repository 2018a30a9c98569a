package dev.sluice.core.pipeline;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for misspelt names. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code name} by edit distance (insertions, deletions, substitutions and swaps
     * of neighbours, ignoring case), if it is close enough to be a typo: at most 1 edit for names up to 4
     * characters, 2 up to 8, then 3. Null when none is.
     */
    static String closest(String name, Collection<String> candidates) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int allowed = wanted.length() <= 4 ? 1 : wanted.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (d <= allowed && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
