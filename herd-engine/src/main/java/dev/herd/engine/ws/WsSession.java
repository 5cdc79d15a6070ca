package dev.herd.engine.ws;

import dev.herd.engine.client.ClientContext;
import dev.herd.engine.client.ClientPlaceholders;
import dev.herd.engine.client.ClientRole;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ProtocolViolation;
import dev.herd.engine.feeder.Feeder;
import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.WireProtocol;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.receive.StampReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import java.net.URI;
import java.util.Map;

/**
 * A WebSocket client (RFC 6455: herd's own handshake, Netty's frame codec): a subscriber that measures what it receives, or a
 * publisher's connection. Pings are answered, close codes recorded, permessage-deflate offered when asked. When the
 * run speaks a {@link WireProtocol} other than raw, the session is that protocol's {@link ProtocolSession}: once
 * upgraded it adds the protocol's stage after its own handler and opens when the stage says the subscription is
 * acknowledged.
 */
public final class WsSession extends ClientSession implements ProtocolSession, FrameValues {

    /** The pipeline name of herd's WebSocket handler ({@link WsClientHandler}). */
    static final String HANDLER_NAME = "ws";
    private static final String ENCODER_NAME = "ws-encoder";
    private static final String DECODER_NAME = "ws-decoder";

    private final StampReceiver receiver;
    private final WireProtocol protocol;
    /** {@code {{ref}}}: one more at each use, from 1 on each connection. */
    private int ref;

    public WsSession(ClientContext ctx, int index, ClientRole role, int topicIndex, TargetUrl url, EventLoop loop,
                     StampReceiver receiver) {
        super(ctx, index, role, topicIndex, url, loop);
        this.receiver = receiver;
        this.protocol = ctx.options().protocol();
    }

    @Override
    protected void initProtocolPipeline(ChannelPipeline p) {
        int maxFrameBytes = ctx.options().maxFrameBytes();
        boolean deflate = ctx.options().permessageDeflate();
        // Looked up per attempt rather than kept: an idle connection holds as little as possible.
        URI uri = ctx.attemptUris().of(url, topicIndex(), this::placeholderValue);
        PerMessageDeflateClientExtensionHandshaker negotiation =
                deflate ? new PerMessageDeflateClientExtensionHandshaker(maxFrameBytes) : null;
        WsUpgradeRequest request = new WsUpgradeRequest(TargetUrl.requestTarget(uri), url.hostHeader(), url.origin(),
                ctx.subprotocolsHeader(), negotiation == null ? null : WsUpgradeHandler.offer(negotiation),
                upgradeHeaders());
        // Whole data frames are read in place unless an extension (permessage-deflate) transforms them.
        WsClientHandler handler = new WsClientHandler(this, receiver, maxFrameBytes, ctx.receiveBudget(), !deflate);
        p.addLast(WsUpgradeHandler.NAME, new WsUpgradeHandler(handler, request, negotiation));
        p.addLast(ENCODER_NAME, MaskingFrameEncoder.INSTANCE);
        p.addLast(DECODER_NAME, new WsFrameDecoder(deflate, maxFrameBytes, ctx.receiveBudget()));
        p.addLast(HANDLER_NAME, handler);
    }

    /** The shared upgrade headers, or this client's own when a header value holds a placeholder. */
    private HttpHeaders upgradeHeaders() {
        if (!ctx.headersPerClient()) {
            return ctx.upgradeHeaders();
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> h : ctx.options().headers().entrySet()) {
            headers.add(h.getKey(), ClientPlaceholders.expand(h.getValue(), this::placeholderValue));
        }
        return headers;
    }

    @Override
    protected void sendHandshake(Channel channel) {
        ((WsUpgradeHandler) channel.pipeline().get(WsUpgradeHandler.NAME)).start(channel);
    }

    @Override
    protected boolean beginSubscribe(Channel channel) {
        if (!protocol.subscribes()) {
            return false;
        }
        ref = 0;
        ChannelPipeline p = channel.pipeline();
        p.get(WsClientHandler.class).forwardMessages();
        p.addLast("protocol", protocol.newStage(this));
        p.fireUserEventTriggered(ProtocolStarted.INSTANCE);
        return true;
    }

    @Override
    protected void closeGracefully(Channel channel) {
        WsClientHandler handler = channel.pipeline().get(WsClientHandler.class);
        if (handler != null) {
            handler.markCloseSent();
        }
        // Written from the encoder's place, already encoded: behind it only TLS, if any; a protocol stage at the
        // tail would take a buffer for a payload to publish. An open session's pipeline always holds the encoder.
        ChannelHandlerContext encoder = channel.pipeline().context(ENCODER_NAME);
        encoder.writeAndFlush(ClientCloseFrame.normalClosure(channel.alloc())).addListener(ChannelFutureListener.CLOSE);
    }

    public StampReceiver receiver() {
        return receiver;
    }

    /** True when this session speaks a protocol over its WebSocket (not raw). */
    public boolean speaksProtocol() {
        return protocol.subscribes();
    }

    // ProtocolSession: what the protocol stage reports, on this session's loop.

    @Override
    public FrameValues values() {
        return this;
    }

    @Override
    public int maxMessageBytes() {
        return ctx.options().maxFrameBytes();
    }

    @Override
    public ReceiveBudget.Share receiveShare() {
        return ctx.receiveBudget().share();
    }

    @Override
    public void rejected(String why) {
        subscribeRejected(why);
    }

    // subscribeTimedOut(why) is ClientSession's: it fails the attempt at once as subscribe_timeout.

    @Override
    public void deliver(ByteBuf buf, int index, int length) {
        if (receiver != null) {
            messageArrived();
            receiver.onMessage(buf, index, length);
        }
    }

    @Override
    public void violated(FailureReason reason, String why) {
        errorCaught(new ProtocolViolation(reason, why));
    }

    // FrameValues: this connection's placeholders in protocol frames, written without building text.

    @Override
    public void write(String name, ByteBuf out) {
        switch (name) {
            case Placeholders.TOPIC -> ByteBufUtil.writeUtf8(out, ctx.topicName(topicIndex));
            case Placeholders.TOPIC_INDEX -> Placeholders.writeDecimal(out, topicIndex);
            case Placeholders.CLIENT -> Placeholders.writeDecimal(out, index);
            case Placeholders.RUN -> Placeholders.writeRunId(out, ctx.runId());
            case Placeholders.REF -> Placeholders.writeDecimal(out, ++ref);
            default -> {
                Feeder feeder = ctx.options().feeder();
                int column = feeder == null ? -1 : feeder.column(name);
                if (column < 0) {
                    throw new IllegalStateException("no value for {{" + name + "}}");
                }
                ByteBufUtil.writeUtf8(out, feeder.value(index, column));
            }
        }
    }
}
