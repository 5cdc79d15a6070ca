package dev.herd.engine.publish;

import dev.herd.engine.client.ClientContext;
import dev.herd.engine.client.ClientPlaceholders;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.client.ClientRole;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionHandler;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.metrics.CounterId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;

/**
 * A keep-alive HTTP connection that publishes by {@code POST} to a publish URL ({@code {topic}} substituted),
 * for targets whose subscribers are SSE or whose publish API is HTTP. Up to {@code maxInFlight} requests
 * are pipelined; more wait in a bounded queue and keep their intended times (open model). A message counts
 * as published on a 2xx answer. Bodies and header values may name the topic ({@code {{topic}}} in a body,
 * {@code {topic}} in a header), for servers that take it there rather than in the URL.
 */
public final class HttpPublishSession extends ClientSession implements PublishOutlet {

    /** Messages that may wait for a free request slot before further slots are skipped. */
    private static final int MAX_QUEUED = 1 << 20;

    private final TopicLedger[] ledgers;
    private final String[] requestTargets;
    private final PayloadTemplate template;
    private final TopicValues[] topicValues;
    /** Header values by topic, placeholders filled; one shared row when no header value has a placeholder. */
    private final String[][] headerValues;
    private final String[] headerNames;
    private final String contentType;
    private final int maxInFlight;
    private final int[] inFlightTopic;
    private final long[] inFlightSeq;
    private int inFlightHead;
    private int inFlightCount;
    private int[] queuedTopic = new int[64];
    private long[] queuedIntended = new long[64];
    private int queuedHead;
    private int queuedCount;
    private boolean dirty;

    public HttpPublishSession(ClientContext ctx, int index, TargetUrl publishUrl, EventLoop loop,
                              TopicLedger[] ledgers, String[] requestTargets, PayloadTemplate template,
                              String contentType, int maxInFlight) {
        super(ctx, index, ClientRole.PUBLISHER, -1, publishUrl, loop);
        this.ledgers = ledgers;
        this.requestTargets = requestTargets;
        this.template = template;
        this.contentType = contentType;
        this.maxInFlight = maxInFlight;
        this.inFlightTopic = new int[maxInFlight];
        this.inFlightSeq = new long[maxInFlight];
        this.topicValues = new TopicValues[ledgers.length];
        for (int t = 0; t < ledgers.length; t++) {
            topicValues[t] = new TopicValues(ctx.topicName(t), t, ctx.runId());
        }
        Map<String, String> headers = ctx.options().headers();
        this.headerNames = headers.keySet().toArray(new String[0]);
        this.headerValues = new String[ctx.headersPerClient() ? ledgers.length : 1][];
        for (int t = 0; t < headerValues.length; t++) {
            int topic = t;
            headerValues[t] = headers.values().stream()
                    .map(v -> ClientPlaceholders.expand(v, name -> topicValue(topic, name)))
                    .toArray(String[]::new);
        }
    }

    /** A header placeholder's value for a request of {@code topic}: the topic's own, else this connection's. */
    private String topicValue(int topic, String name) {
        return switch (name) {
            case Placeholders.TOPIC -> ctx.topicName(topic);
            case Placeholders.TOPIC_INDEX -> Integer.toString(topic);
            default -> placeholderValue(name);
        };
    }

    @Override
    protected void initProtocolPipeline(ChannelPipeline p) {
        p.addLast("http", new HttpClientCodec());
        p.addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
        p.addLast("publish", new ResponseHandler());
    }

    @Override
    protected void sendHandshake(Channel channel) {
        // Plain HTTP has no upgrade: the connection is usable as soon as TCP (and TLS) are up.
        upgraded();
        drainQueue(channel);
        flush();
    }

    @Override
    protected void closeGracefully(Channel channel) {
        channel.close();
    }

    @Override
    public boolean offer(int topicIndex, long intendedEpochNanos) {
        Channel ch = openChannel();
        if (ch == null) {
            return false;
        }
        if (inFlightCount < maxInFlight && queuedCount == 0) {
            send(ch, topicIndex, intendedEpochNanos);
            return true;
        }
        return enqueue(topicIndex, intendedEpochNanos);
    }

    @Override
    public void flush() {
        Channel ch = openChannel();
        if (dirty && ch != null) {
            ch.flush();
        }
        dirty = false;
    }

    private void send(Channel ch, int topicIndex, long intendedEpochNanos) {
        TopicLedger ledger = ledgers[topicIndex];
        long seq = ledger.nextSeq();
        ByteBuf body = ch.alloc().buffer(template.maxBytes());
        template.write(body, topicValues[topicIndex], ctx.runId(), topicIndex, seq, intendedEpochNanos,
                ctx.clock().nowNanos());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                requestTargets[topicIndex], body);
        request.headers()
                .set(HttpHeaderNames.HOST, url.hostHeader())
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        String[] values = headerValues[headerValues.length == 1 ? 0 : topicIndex];
        for (int h = 0; h < headerNames.length; h++) {
            request.headers().set(headerNames[h], values[h]);
        }
        int slot = (inFlightHead + inFlightCount) % maxInFlight;
        inFlightTopic[slot] = topicIndex;
        inFlightSeq[slot] = seq;
        inFlightCount++;
        ch.write(request, ch.voidPromise());
        dirty = true;
    }

    private boolean enqueue(int topicIndex, long intendedEpochNanos) {
        if (queuedCount == MAX_QUEUED) {
            return false;
        }
        if (queuedCount == queuedTopic.length) {
            growQueue();
        }
        int slot = (queuedHead + queuedCount) % queuedTopic.length;
        queuedTopic[slot] = topicIndex;
        queuedIntended[slot] = intendedEpochNanos;
        queuedCount++;
        return true;
    }

    private void growQueue() {
        int n = queuedTopic.length;
        int[] topics = new int[n * 2];
        long[] intended = new long[n * 2];
        for (int i = 0; i < queuedCount; i++) {
            topics[i] = queuedTopic[(queuedHead + i) % n];
            intended[i] = queuedIntended[(queuedHead + i) % n];
        }
        queuedTopic = topics;
        queuedIntended = intended;
        queuedHead = 0;
    }

    private void drainQueue(Channel ch) {
        while (queuedCount > 0 && inFlightCount < maxInFlight) {
            int topic = queuedTopic[queuedHead];
            long intended = queuedIntended[queuedHead];
            queuedHead = (queuedHead + 1) % queuedTopic.length;
            queuedCount--;
            send(ch, topic, intended);
        }
    }

    private void answered(int status) {
        if (inFlightCount == 0) {
            return;
        }
        int topic = inFlightTopic[inFlightHead];
        long seq = inFlightSeq[inFlightHead];
        inFlightHead = (inFlightHead + 1) % maxInFlight;
        inFlightCount--;
        if (status >= 200 && status < 300) {
            ledgers[topic].recordAccepted();
            metrics.increment(CounterId.PUBLISHED);
        } else {
            ledgers[topic].recordFailed(seq);
            metrics.increment(CounterId.PUBLISH_FAILED);
        }
        Channel ch = openChannel();
        if (ch != null) {
            drainQueue(ch);
            flush();
        }
    }

    @Override
    protected void connectionEnded() {
        // Requests written but not answered: the target may or may not have taken them; herd counts them as
        // failed (not expected at subscribers).
        while (inFlightCount > 0) {
            int topic = inFlightTopic[inFlightHead];
            ledgers[topic].recordFailed(inFlightSeq[inFlightHead]);
            metrics.increment(CounterId.PUBLISH_FAILED);
            inFlightHead = (inFlightHead + 1) % maxInFlight;
            inFlightCount--;
        }
    }

    /** Messages still waiting for a request slot: counted as skipped when publishing ends. */
    public int discardQueued() {
        int n = queuedCount;
        metrics.add(CounterId.PUBLISH_SKIPPED, n);
        queuedCount = 0;
        queuedHead = 0;
        return n;
    }

    public int inFlight() {
        return inFlightCount + queuedCount;
    }

    private final class ResponseHandler extends SessionHandler {
        ResponseHandler() {
            super(HttpPublishSession.this);
        }

        @Override
        public void channelRead(ChannelHandlerContext c, Object msg) {
            try {
                if (msg instanceof FullHttpResponse response) {
                    answered(response.status().code());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
