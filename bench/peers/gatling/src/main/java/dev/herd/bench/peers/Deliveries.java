package dev.herd.bench.peers;

import io.gatling.http.action.ws.WsInboundMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the broadcast's messages and their latency: publish.py starts each body with its intended send time in
 * epoch microseconds; the latency is Gatling's arrival stamp (epoch milliseconds) minus that, kept in 1 ms buckets.
 */
final class Deliveries {
    private static final int BUCKETS = 60_000;
    private static final AtomicLongArray LATENCY_MS = new AtomicLongArray(BUCKETS);
    private static final LongAdder RECEIVED = new LongAdder();

    private Deliveries() {
    }

    static void record(List<WsInboundMessage> messages) {
        for (WsInboundMessage message : messages) {
            if (message instanceof WsInboundMessage.Text text) {
                long sentMicros = leadingNumber(text.message());
                if (sentMicros < 0) {
                    continue;
                }
                RECEIVED.increment();
                long latency = Math.max(0, text.timestamp() - sentMicros / 1000);
                LATENCY_MS.incrementAndGet((int) Math.min(BUCKETS - 1, latency));
            }
        }
    }

    private static long leadingNumber(String body) {
        long value = 0;
        int i = 0;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            value = value * 10 + (body.charAt(i++) - '0');
        }
        return i == 0 ? -1 : value;
    }

    /** One line bench/peers.sh reads: received, p50 and p99 in milliseconds. */
    static String summary() {
        long total = RECEIVED.sum();
        return "peers-gatling: received " + total + " p50_ms " + percentile(total, 0.50) + " p99_ms "
                + percentile(total, 0.99);
    }

    private static long percentile(long total, double quantile) {
        long rank = (long) Math.ceil(total * quantile);
        long seen = 0;
        for (int ms = 0; ms < BUCKETS; ms++) {
            seen += LATENCY_MS.get(ms);
            if (seen >= rank && seen > 0) {
                return ms;
            }
        }
        return -1;
    }
}
