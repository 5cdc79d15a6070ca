package dev.herd.engine.sse;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionHandler;
import dev.herd.engine.connect.FailureClassifier;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ProtocolViolation;
import dev.herd.engine.receive.StampReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an SSE client's pipeline: checks the response (200, {@code text/event-stream}),
 * feeds body chunks to the {@link SseEventParser} as they arrive, and hands each event's data to the
 * {@link StampReceiver}. A 204 means "stop reconnecting" (WHATWG); other statuses count as failures. A line or event
 * beyond the largest message accepted, or a body whose chunked framing breaks, ends the connection under its reason.
 */
final class SseClientHandler extends SessionHandler implements SseEventListener {

    private final SseEventParser parser;
    private final StampReceiver receiver;
    private boolean streaming;

    SseClientHandler(ClientSession session, SseEventParser parser, StampReceiver receiver) {
        super(session);
        this.parser = parser;
        this.receiver = receiver;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                onResponse(response);
            }
            if (msg instanceof HttpContent content && streaming) {
                if (content.decoderResult().isFailure()) {
                    fail(new ProtocolViolation(bodyFailure(content.decoderResult().cause()),
                            "the event stream's framing broke: " + content.decoderResult().cause()));
                    return;
                }
                ByteBuf bytes = content.content();
                if (bytes.isReadable()) {
                    parser.parse(bytes, this);
                }
                if (msg instanceof LastHttpContent && streaming) {
                    // The server ended the stream: a close by the server, reconnect by the policy.
                    streaming = false;
                    ctx.close();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponse(HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            session.handshakeFailed(response.decoderResult().cause());
            return;
        }
        int status = response.status().code();
        if (status != HttpResponseStatus.OK.code()) {
            session.rejected(status, status != HttpResponseStatus.NO_CONTENT.code());
            return;
        }
        String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
            session.handshakeFailed(new ProtocolViolation(FailureReason.SSE_CONTENT_TYPE,
                    "SSE response has Content-Type " + type));
            return;
        }
        streaming = true;
        session.upgraded();
    }

    /** A body whose framing breaks is a chunked stream gone wrong, unless the cause says more. */
    private static FailureReason bodyFailure(Throwable cause) {
        FailureReason reason = FailureClassifier.classify(cause);
        return reason == FailureReason.OTHER || reason == FailureReason.PROTOCOL ? FailureReason.HTTP_CHUNK_INVALID
                : reason;
    }

    /** Gives up on the stream: nothing more of it is parsed, and the session counts why. */
    private void fail(ProtocolViolation why) {
        streaming = false;
        session.errorCaught(why);
    }

    @Override
    public void onLimitExceeded(SseLimit limit) {
        if (!streaming) {
            return;
        }
        fail(limit == SseLimit.EVENT_SIZE
                ? new ProtocolViolation(FailureReason.MESSAGE_TOO_LARGE,
                        "an SSE line or event is longer than the largest message accepted")
                : new ProtocolViolation(FailureReason.LOCAL_RECEIVE_BUDGET,
                        "the run's receive budget cannot hold this SSE event"));
    }

    @Override
    public void onEvent(ByteBuf data, ByteBuf eventType) {
        if (receiver != null && streaming) {
            session.messageArrived();
            receiver.onMessage(data);
        }
    }

    @Override
    public void onRetry(long millis) {
        session.minReconnectDelayMillis(millis);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        streaming = false;
        super.channelInactive(ctx);
    }
}
