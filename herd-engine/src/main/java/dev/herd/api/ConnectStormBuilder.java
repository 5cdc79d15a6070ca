package dev.herd.api;

import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.connectstorm.ConnectStormStage;
import java.time.Duration;
import java.util.List;

/**
 * {@code connect-storm}: N clients arrive within a window (evenly or as a Poisson process) and are held; how many open,
 * how fast, and each connect phase ({@code connect_storm} in summary.json).
 *
 * <pre>{@code
 * Herd.connectStorm().url("ws://127.0.0.1:8080/ws/{topic}").clients(10_000).within(Duration.ofSeconds(5)).run();
 * }</pre>
 */
public final class ConnectStormBuilder extends ScenarioBuilder<ConnectStormBuilder> {

    public static final int DEFAULT_CLIENTS = 1000;
    /** The window the clients arrive in. */
    public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(2);
    public static final Duration DEFAULT_IDLE_BEFORE = Duration.ZERO;
    /** A storm measures raw connect capacity: a failed client stays failed unless asked otherwise. */
    public static final Reconnect DEFAULT_RECONNECT = Reconnect.NONE;

    private Duration hold = DEFAULT_HOLD;
    private Duration idleBefore = DEFAULT_IDLE_BEFORE;

    ConnectStormBuilder() {
        super("connect-storm");
        subscribers = DEFAULT_CLIENTS;
        connectWithin = DEFAULT_WITHIN;
    }

    public ConnectStormBuilder clients(int count) {
        this.subscribers = count;
        return this;
    }

    /** The window the clients arrive in (the connect ramp). */
    public ConnectStormBuilder within(Duration window) {
        return connectWithin(window);
    }

    /** Hold the connections this long afterwards, to see which stay. */
    public ConnectStormBuilder hold(Duration holdFor) {
        this.hold = holdFor;
        return this;
    }

    /** Stay idle this long before the storm (herd's own baseline). */
    public ConnectStormBuilder idleBefore(Duration idle) {
        this.idleBefore = idle;
        return this;
    }

    @Override
    protected List<Stage> builtInTimeline() {
        return List.of(new ConnectStormStage(connectStage(), hold, idleBefore));
    }

    @Override
    protected boolean publishesByDefault() {
        return false;
    }

    @Override
    protected Reconnect defaultReconnect() {
        return DEFAULT_RECONNECT;
    }

    @Override
    protected void applySlice(Slice s) {
        sliceClientsAndTopics(s);
    }
}
