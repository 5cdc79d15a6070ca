package dev.herd.cli.scenario;

import dev.herd.cli.UsageException;
import dev.herd.engine.run.WorkerRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One worker's share of a run split over {@code count} processes ({@code --workers}): a deterministic slice of the
 * clients and, when there are at least as many topics as workers, of whole topics, so that each topic's publisher
 * and subscribers are in one process and every latency is measured there (DESIGN.md, scale-out).
 *
 * <ul>
 *   <li>By topics ({@code topics >= count}): worker {@code i} takes topics {@code i, i + count, …}, their
 *       subscribers, and publishes them at their share of the rate; each worker is a whole run of its topics.</li>
 *   <li>By subscribers (fewer topics than workers): each worker takes an equal share of the subscribers over every
 *       topic; worker 0 also publishes everything, the others only subscribe (their {@code published} is then
 *       inferred from the sequence numbers they see, and {@code herd merge} takes worker 0's count).</li>
 * </ul>
 * A handshake cap is shared out too; the seed differs per worker so their random choices do not move in step.
 *
 * @param index this worker, 0 to {@code count - 1}
 * @param count how many workers the run has
 */
public record WorkerSlice(int index, int count) {

    /** The scenarios whose load adds up across processes; the others act on the target as a whole. */
    public static final Set<String> SCENARIOS = Set.of("broadcast", "steady", "connect-storm");

    /** Broadcast's rate when none is given, all topics together (as {@link BuiltInScenarios} uses it). */
    private static final double BROADCAST_DEFAULT_RATE = 100;

    public WorkerSlice {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("worker " + index + " of " + count);
        }
    }

    /** Parses {@code I/N}. */
    public static WorkerSlice parse(String text) {
        String[] parts = text.trim().split("/");
        try {
            if (parts.length == 2) {
                return new WorkerSlice(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new UsageException("worker slice '" + text + "' is not I/N with 0 <= I < N");
    }

    /** Whether this run is split by whole topics (else by subscribers). */
    public boolean byTopics(int topics) {
        return topics >= count;
    }

    /** A usage error unless {@code scenario}'s load can be split over processes. */
    public static void requireSplittable(String scenario) {
        if (!SCENARIOS.contains(scenario)) {
            throw new UsageException("--workers splits " + String.join(", ", SCENARIOS.stream().sorted().toList())
                    + "; " + scenario + " acts on the target as a whole and runs in one process");
        }
    }

    /** Narrows {@code s} to this worker's share, before its scenario is built. */
    public void applyTo(ScenarioSettings s) {
        requireSplittable(s.scenario);
        if (s.rate == null && s.scenario.equals("broadcast")) {
            s.rate = BROADCAST_DEFAULT_RATE;
        }
        int topics = s.topics;
        if (byTopics(topics)) {
            int mine = 0;
            for (int t = index; t < topics; t += count) {
                mine++;
            }
            s.subscribers = subscribersOfMyTopics(s.subscribers, topics);
            s.sweepSubscribers = sliceEach(s.sweepSubscribers, n -> subscribersOfMyTopics(n, topics));
            if (s.rate != null) {
                s.rate = s.rate * mine / topics;
            }
            s.topics = mine;
            s.topicFirst = index;
            s.topicStride = count;
        } else {
            s.subscribers = evenShare(s.subscribers);
            s.sweepSubscribers = sliceEach(s.sweepSubscribers, this::evenShare);
            if (index > 0 && s.role == WorkerRole.BOTH) {
                s.role = WorkerRole.SUBSCRIBER;
            }
        }
        if (s.maxHandshakes > 0) {
            s.maxHandshakes = Math.max(1, (s.maxHandshakes + count - 1) / count);
        }
        s.seed = s.seed + index;
    }

    /** Subscribers are spread over topics as the engine does: topic t gets n / topics, the first n % topics one more. */
    private int subscribersOfMyTopics(int n, int topics) {
        int mine = 0;
        for (int t = index; t < topics; t += count) {
            mine += n / topics + (t < n % topics ? 1 : 0);
        }
        return mine;
    }

    private int evenShare(int n) {
        return n / count + (index < n % count ? 1 : 0);
    }

    private static List<Integer> sliceEach(List<Integer> counts, java.util.function.IntUnaryOperator share) {
        List<Integer> sliced = new ArrayList<>(counts.size());
        for (int n : counts) {
            sliced.add(share.applyAsInt(n));
        }
        return sliced;
    }
}
