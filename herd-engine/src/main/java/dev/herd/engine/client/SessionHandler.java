package dev.herd.engine.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * The part every client protocol handler shares: it reports the transport's progress (TCP up, TLS done, closed,
 * failed) to its {@link ClientSession}; subclasses handle the protocol's messages.
 */
public abstract class SessionHandler extends ChannelInboundHandlerAdapter {

    protected final ClientSession session;

    protected SessionHandler(ClientSession session) {
        this.session = session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session.tcpConnected();
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent tls) {
            if (tls.isSuccess()) {
                session.tlsDone();
            } else {
                session.errorCaught(tls.cause());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.channelClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.errorCaught(cause);
    }
}
