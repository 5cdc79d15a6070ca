package dev.herd.broker;

import dev.herd.broker.pubsub.FanOutWriter;
import dev.herd.broker.connection.ConnectionRegistry;
import dev.herd.broker.http.HttpPipeline;
import dev.herd.broker.http.PublishBodyAggregator;
import dev.herd.broker.http.RefusalHandler;
import dev.herd.broker.http.RequestRouter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;

/**
 * Builds each accepted connection's pipeline: {@code [tls], flush-consolidation, http-codec, http-aggregator,
 * http-router}. A WebSocket or
 * SSE subscription replaces these once it is set up; a connection above {@code maxConnections} gets only the
 * codec and the 503 refusal.
 */
final class TargetInitializer extends ChannelInitializer<SocketChannel> {

    /**
     * Requests the codec may decode ahead of their answers. Netty's default (128) closes the connection of a
     * publisher that pipelines deeper; the target instead stops reading while many answers are owed (see
     * {@code PipelinedResponses}), so this only has to cover the requests of one socket read.
     */
    private static final int MAX_PIPELINE_DEPTH = 16_384;

    private final ConnectionRegistry connections;
    private final int maxPublishBytes;
    private final RequestRouter.Endpoints endpoints;
    private final SslContext tls;

    /** {@code tls} is null for plain TCP. */
    TargetInitializer(ConnectionRegistry connections, int maxPublishBytes, RequestRouter.Endpoints endpoints,
                      SslContext tls) {
        this.connections = connections;
        this.maxPublishBytes = maxPublishBytes;
        this.endpoints = endpoints;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            // Nearest the socket, so that everything after it (the 503 refusal, pre-encoded frames and chunks
            // written as raw buffers) is encrypted, and behind the flush consolidation, so that one flush of
            // many queued frames becomes few TLS records.
            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
        }
        // Fan-out flushes every message to every subscriber; under load this coalesces the flushes of one
        // event-loop turn into one write per socket, so subscribers get several frames per read, as from a real
        // broker, instead of one syscall per message on both sides.
        pipeline.addLast(FanOutWriter.FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, true));
        pipeline.addLast(HttpPipeline.CODEC, new HttpServerCodec(new HttpDecoderConfig(), MAX_PIPELINE_DEPTH));
        if (!connections.admit(channel)) {
            pipeline.addLast("refusal", RefusalHandler.INSTANCE);
            return;
        }
        pipeline.addLast(HttpPipeline.AGGREGATOR, new PublishBodyAggregator(maxPublishBytes));
        pipeline.addLast(HttpPipeline.ROUTER, new RequestRouter(endpoints));
    }
}
