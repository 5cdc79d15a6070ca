package dev.herd.engine.run;

import dev.herd.engine.scenario.StageContext;
import java.util.function.BiConsumer;

/** The per-subscriber figures scenarios read after the run (the loops are idle by then). */
final class AccountingView implements StageContext.Accounting {

    private final ClientFleet fleet;
    private final SubscriberAccounting accounting;
    private final BiConsumer<String, Object> sections;

    AccountingView(ClientFleet fleet, SubscriberAccounting accounting, BiConsumer<String, Object> sections) {
        this.fleet = fleet;
        this.accounting = accounting;
        this.sections = sections;
    }

    @Override
    public int subscribers() {
        return accounting.lostBySubscriber.length;
    }

    @Override
    public boolean everOpened(int index) {
        return fleet.subscriber(index).everOpened();
    }

    @Override
    public int topic(int index) {
        return fleet.subscriber(index).topicIndex();
    }

    @Override
    public long lost(int index) {
        return accounting.lostBySubscriber[index];
    }

    @Override
    public long received(int index) {
        return accounting.receivedBySubscriber[index];
    }

    @Override
    public long missingBetween(int index, long from, long to) {
        return fleet.receivers.get(index).tracker().missingBetween(from, to);
    }

    @Override
    public long sent(int topic) {
        return fleet.ledgers[topic].sent();
    }

    @Override
    public long failedBetween(int topic, long from, long to) {
        long n = 0;
        for (long seq : fleet.ledgers[topic].failedSeqs()) {
            if (seq >= from && seq < to) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void section(String key, Object value) {
        sections.accept(key, value);
    }
}
