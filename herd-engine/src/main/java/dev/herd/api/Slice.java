package dev.herd.api;

import java.util.List;

/**
 * One process's share of a run split over {@code count} processes ({@code --workers N}, {@code --slice I/N}): a
 * deterministic slice of the clients and, when there are at least as many topics as slices, of whole topics, so that
 * each topic's publisher and subscribers are in one process and every latency is measured there (DESIGN.md).
 *
 * <ul>
 *   <li>By topics ({@code topics >= count}): slice {@code i} takes topics {@code i, i + count, …}, their subscribers,
 *       and publishes them at their share of the rate; each slice is a whole run of its topics.</li>
 *   <li>By subscribers (fewer topics than slices): each slice takes an equal share of the subscribers over every
 *       topic; slice 0 also publishes everything, the others only subscribe.</li>
 * </ul>
 *
 * <pre>{@code
 * Herd.broadcast().url(url).topics(12).subscribers(60_000).slice(2, 6).run();   // topics 2 and 8, 10,000 clients
 * }</pre>
 *
 * @param index this slice, 0 to {@code count - 1}
 * @param count how many slices the run has
 */
public record Slice(int index, int count) {

    /** The scenarios whose load adds up across processes; the others act on the target as a whole. */
    public static final List<String> SCENARIOS = List.of("broadcast", "connect-storm", "steady");

    public Slice {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("slice " + index + " of " + count);
        }
    }

    /** Parses {@code I/N}; throws {@link IllegalArgumentException} naming the text otherwise. */
    public static Slice parse(String text) {
        String[] parts = text.trim().split("/");
        try {
            if (parts.length == 2) {
                return new Slice(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw new IllegalArgumentException("'" + text + "' is not I/N with 0 <= I < N");
    }

    /** Whether a run of {@code topics} topics is split by whole topics (else by subscribers). */
    public boolean byTopics(int topics) {
        return topics >= count;
    }

    /** How many of {@code topics} topics this slice takes when split by topics. */
    public int topicsOf(int topics) {
        int mine = 0;
        for (int t = index; t < topics; t += count) {
            mine++;
        }
        return mine;
    }

    /** Subscribers of this slice's topics, spread as the engine spreads them: topic t gets n / topics, the first n % topics one more. */
    public int subscribersOfTopics(int n, int topics) {
        int mine = 0;
        for (int t = index; t < topics; t += count) {
            mine += n / topics + (t < n % topics ? 1 : 0);
        }
        return mine;
    }

    /** This slice's even share of {@code n}. */
    public int evenShare(int n) {
        return n / count + (index < n % count ? 1 : 0);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
