package dev.herd.broker.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;

/**
 * Names of the HTTP handlers in a connection's pipeline, and how a connection leaves HTTP when it becomes a
 * WebSocket or an SSE stream.
 */
public final class HttpPipeline {

    public static final String CODEC = "http-codec";
    public static final String AGGREGATOR = "http-aggregator";
    public static final String ROUTER = "http-router";

    private HttpPipeline() {
    }

    /**
     * Removes the router and the aggregator, and replaces the codec by {@code replacements} (in order), once
     * the response head that switches protocols has been written: it is encoded at write time, so it is
     * already queued as bytes.
     */
    public static void leaveHttp(ChannelPipeline pipeline, String[] names, ChannelHandler[] replacements) {
        pipeline.remove(ROUTER);
        pipeline.remove(AGGREGATOR);
        for (int i = 0; i < replacements.length; i++) {
            pipeline.addBefore(CODEC, names[i], replacements[i]);
        }
        pipeline.remove(CODEC);
    }
}
