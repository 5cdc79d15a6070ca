package dev.herd.engine.scenario.slowsubscriber;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Chooses which subscribers a slow-subscriber run slows down: the same ones for the same seed, spread over the
 * topics round-robin (so each topic's share differs by at most one) and never the last healthy subscriber of a
 * topic, so every topic's deliveries can be compared between the slow and the healthy.
 *
 * <pre>{@code
 * int[] slow = SlowGroup.choose(new int[] {0, 1, 2, 3}, new int[] {0, 1, 0, 1}, 2, seed);   // e.g. {1, 2}
 * }</pre>
 */
final class SlowGroup {

    private SlowGroup() {
    }

    /**
     * Up to {@code size} of the subscribers {@code indices} (whose topics are {@code topics}, position by position),
     * chosen from {@code seed}; ascending.
     */
    static int[] choose(int[] indices, int[] topics, int size, long seed) {
        TreeMap<Integer, List<Integer>> byTopic = new TreeMap<>();
        for (int k = 0; k < indices.length; k++) {
            byTopic.computeIfAbsent(topics[k], t -> new ArrayList<>()).add(indices[k]);
        }
        // A seed of its own, so the choice does not move with other uses of the run's seed.
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL);
        List<List<Integer>> groups = new ArrayList<>(byTopic.values());
        for (List<Integer> members : groups) {
            shuffle(members, random);
        }
        int[] taken = new int[groups.size()];
        int start = groups.isEmpty() ? 0 : random.nextInt(groups.size());
        int[] chosen = new int[size];
        int n = 0;
        boolean progress = true;
        while (n < size && progress) {
            progress = false;
            for (int k = 0; k < groups.size() && n < size; k++) {
                int t = (start + k) % groups.size();
                List<Integer> members = groups.get(t);
                if (taken[t] < members.size() - 1) {
                    chosen[n++] = members.get(taken[t]++);
                    progress = true;
                }
            }
        }
        int[] result = Arrays.copyOf(chosen, n);
        Arrays.sort(result);
        return result;
    }

    private static void shuffle(List<Integer> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
