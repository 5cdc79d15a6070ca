package dev.herd.engine.stamp;

import java.util.ArrayList;
import java.util.List;

/** Test listener that keeps every stamp as a readable line and counts malformed ones. */
final class RecordingStampListener implements StampListener {

    final List<String> stamps = new ArrayList<>();
    int malformed;

    static String line(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
        return "run=" + runId + " topic=" + topicIndex + " seq=" + seq + " intended=" + intendedNanos
                + " sent=" + sentNanos;
    }

    @Override
    public void onStamp(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
        stamps.add(line(runId, topicIndex, seq, intendedNanos, sentNanos));
    }

    @Override
    public void onMalformed() {
        malformed++;
    }
}
