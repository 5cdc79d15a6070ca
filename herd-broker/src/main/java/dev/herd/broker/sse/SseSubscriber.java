package dev.herd.broker.sse;

import dev.herd.broker.pubsub.BrokerConfig;
import dev.herd.broker.pubsub.SlowSubscriberHandler;
import dev.herd.broker.pubsub.SlowSubscriberPolicy;
import dev.herd.broker.pubsub.Subscriber;
import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionKind;
import dev.herd.broker.http.Exchange;
import dev.herd.broker.http.HttpPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * An SSE subscriber. Activation writes the response head through the HTTP codec, then removes the HTTP
 * handlers: from there on the stream is raw bytes, pre-encoded chunks shared with every subscriber of the
 * topic, ended by the terminating chunk {@code 0\r\n\r\n}. Before live events it writes {@code retry:}, the
 * {@code replay-truncated} event when events were lost, and the replay.
 */
final class SseSubscriber extends Subscriber {

    private final Exchange exchange;
    private final SseSubscribeHandler context;

    SseSubscriber(Channel channel, String topic, Exchange exchange, SseSubscribeHandler context) {
        super(channel, ConnectionKind.SSE, topic);
        this.exchange = exchange;
        this.context = context;
    }

    @Override
    protected boolean activate(ReplaySlice replay) {
        Channel channel = channel();
        if (!channel.isActive()) {
            replay.release();
            return false;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        channel.write(head);
        exchange.takeOver();
        ChannelPipeline pipeline = channel.pipeline();
        HttpPipeline.leaveHttp(pipeline, new String[0], new ChannelHandler[0]);
        BrokerConfig broker = context.topics().config();
        if (broker.slowPolicy() == SlowSubscriberPolicy.DISCONNECT) {
            pipeline.addLast("slow-subscriber", new SlowSubscriberHandler(this, broker.slowTimeout()));
        }
        pipeline.addLast("sse-stream", new SseStreamHandler(this, context.heartbeat()));

        channel.write(SseEventEncoder.encodeRetry(channel.alloc(), context.retry().toMillis()));
        if (replay.truncated()) {
            channel.write(SseEventEncoder.encodeReplayTruncated(
                    channel.alloc(), replay.requested(), replay.oldest(), replay.lost()));
        }
        for (ByteBuf chunk : replay.chunks()) {
            channel.write(chunk, channel.voidPromise());
        }
        context.counters().recordReplayed(replay.chunks().size());
        channel.flush();
        context.connections().promote(channel, ConnectionKind.SSE);
        return true;
    }

    @Override
    protected Object farewell(CloseCause cause) {
        return SseEventEncoder.endOfStream();
    }
}
