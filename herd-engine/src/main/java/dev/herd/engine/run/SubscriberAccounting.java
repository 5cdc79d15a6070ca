package dev.herd.engine.run;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.publish.TopicLedger;
import dev.herd.engine.stamp.SequenceTracker;

/**
 * The end-of-run reckoning of every subscriber against what its topic's publisher got accepted: expected,
 * received, lost, duplicated, reordered, in total and per subscriber. A subscriber is expected to receive every
 * accepted message of its topic from the moment it was added to the run; subscribers that never opened are not
 * expected to receive anything (their failures are counted as connection failures instead). Call after every
 * publisher connection closed, when each written message is either accepted or failed.
 */
final class SubscriberAccounting {

    long expected;
    long received;
    long lost;
    long duplicated;
    long reordered;
    /** Lost deliveries per subscriber, -1 for subscribers that never opened. */
    final long[] lostBySubscriber;
    /** Distinct deliveries per subscriber. */
    final long[] receivedBySubscriber;

    SubscriberAccounting(int subscribers) {
        lostBySubscriber = new long[subscribers];
        receivedBySubscriber = new long[subscribers];
    }

    /** Accounts one subscriber; call on its event loop after it stopped receiving. */
    void add(ClientSession session, SequenceTracker tracker, TopicLedger ledger) {
        int i = session.index();
        if (!session.everOpened()) {
            lostBySubscriber[i] = -1;
            return;
        }
        long sent = ledger.sent();
        long first = tracker.firstSeq();
        long expectedHere = Math.max(0, sent - first);
        long lostHere = tracker.lost(sent);
        // Messages the target did not accept are not expected; if one never arrived it is not a loss. One that
        // arrived anyway was taken after all (its answer was lost, e.g. the target closed the publisher's
        // connection first, as a restart does): it is expected where it arrived, so received never exceeds expected.
        for (long failedSeq : ledger.failedSeqs()) {
            if (failedSeq >= first && failedSeq < sent && !tracker.hasReceived(failedSeq)) {
                expectedHere--;
                lostHere--;
            }
        }
        synchronized (this) {
            expected += expectedHere;
            received += tracker.unique();
            lost += lostHere;
            duplicated += tracker.duplicated();
            reordered += tracker.reordered();
            lostBySubscriber[i] = lostHere;
            receivedBySubscriber[i] = tracker.unique();
        }
    }
}
