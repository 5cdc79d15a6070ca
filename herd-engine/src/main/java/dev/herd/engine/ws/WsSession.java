package dev.herd.engine.ws;

import dev.herd.engine.client.ClientContext;
import dev.herd.engine.client.ClientRole;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.ResponseLimits;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.receive.StampReceiver;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;

/**
 * A WebSocket client (RFC 6455, on Netty's codec): a subscriber that measures what it receives, or a
 * publisher's connection. Pings are answered, close codes recorded, permessage-deflate offered when asked.
 */
public final class WsSession extends ClientSession {

    private final StampReceiver receiver;

    public WsSession(ClientContext ctx, int index, ClientRole role, int topicIndex, TargetUrl url, EventLoop loop,
                     StampReceiver receiver) {
        super(ctx, index, role, topicIndex, url, loop);
        this.receiver = receiver;
    }

    @Override
    protected void initProtocolPipeline(ChannelPipeline p) {
        int maxFrameBytes = ctx.options().maxFrameBytes();
        // The URI is built per attempt rather than kept: an idle connection holds as little as possible.
        URI uri = url.forTopic(ctx.topicName(topicIndex));
        WebSocketClientHandshaker handshaker = new WsHandshaker(uri, ctx.subprotocolsHeader(),
                ctx.options().permessageDeflate(), // allow extensions
                ctx.upgradeHeaders(), maxFrameBytes, ctx.receiveBudget());
        // No aggregator: a 101 has no body, and the body of a refusal is not read.
        p.addLast("http", new HttpClientCodec(ResponseLimits.MAX_STATUS_LINE_BYTES, ResponseLimits.MAX_HEADER_BYTES,
                8192));
        if (ctx.options().permessageDeflate()) {
            p.addLast("ws-deflate", new WebSocketClientCompressionHandler(maxFrameBytes));
        }
        p.addLast("ws", new WsClientHandler(this, handshaker, receiver, maxFrameBytes, ctx.receiveBudget()));
    }

    @Override
    protected void sendHandshake(Channel channel) {
        channel.pipeline().get(WsClientHandler.class).startHandshake(channel);
    }

    @Override
    protected void closeGracefully(Channel channel) {
        WsClientHandler handler = channel.pipeline().get(WsClientHandler.class);
        if (handler != null) {
            handler.markCloseSent();
        }
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                .addListener(ChannelFutureListener.CLOSE);
    }

    public StampReceiver receiver() {
        return receiver;
    }
}
