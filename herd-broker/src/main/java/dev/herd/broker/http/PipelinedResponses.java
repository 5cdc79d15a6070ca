package dev.herd.broker.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A connection's queue of {@link Exchange}s: writes responses in request order as they become ready, and
 * one flush per batch. Touched only on the connection's event loop (completions from elsewhere hop there).
 */
final class PipelinedResponses {

    /** Answers owed at which the connection stops reading (backpressure on a deeply pipelining client)... */
    private static final int PAUSE_AT = 1024;
    /** ...and at which it reads again. */
    private static final int RESUME_AT = 256;

    private final ChannelHandlerContext ctx;
    private final ArrayDeque<Exchange> queue = new ArrayDeque<>();
    /** Taken over by a subscription, closing, or closed: nothing more is written. */
    private boolean done;
    private boolean draining;
    private boolean paused;

    PipelinedResponses(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Queues an exchange for {@code request}; {@code onHead}, if not null, runs when it is first in line. */
    Exchange begin(HttpRequest request, Consumer<Exchange> onHead) {
        Exchange exchange = new Exchange(this, request.protocolVersion(), HttpUtil.isKeepAlive(request), onHead);
        if (done) {
            return exchange; // answers to it are released
        }
        queue.addLast(exchange);
        if (queue.size() >= PAUSE_AT && !paused) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
        if (onHead != null) {
            drain();
        }
        return exchange;
    }

    void complete(Exchange exchange, FullHttpResponse response, boolean close, Runnable afterWrite) {
        if (!ctx.executor().inEventLoop()) {
            try {
                ctx.executor().execute(() -> complete(exchange, response, close, afterWrite));
            } catch (RejectedExecutionException e) {
                response.release();
            }
            return;
        }
        if (done || exchange.response != null) {
            response.release();
            return;
        }
        exchange.response = response;
        exchange.closeAfter = close;
        exchange.afterWrite = afterWrite;
        drain();
    }

    void takeOver(Exchange exchange) {
        queue.remove(exchange);
        finish();
    }

    /** The channel closed: release whatever was never written. */
    void discard() {
        finish();
    }

    private void drain() {
        if (draining) {
            return; // a handler answered from inside onHead: the outer loop picks it up
        }
        draining = true;
        boolean wrote = false;
        try {
            Exchange head;
            while (!done && (head = queue.peekFirst()) != null) {
                if (head.response != null) {
                    queue.pollFirst();
                    wrote |= write(head);
                } else if (head.onHead != null) {
                    Consumer<Exchange> start = head.onHead;
                    head.onHead = null;
                    start.accept(head);
                } else {
                    break; // waiting for a late answer (a publish on another loop, a subscription)
                }
            }
        } finally {
            draining = false;
        }
        if (wrote && ctx.channel().isOpen()) {
            ctx.flush();
        }
        if (paused && queue.size() <= RESUME_AT) {
            resumeReading();
        }
    }

    private void resumeReading() {
        paused = false;
        ctx.channel().config().setAutoRead(true);
    }

    /** Writes one response; returns true when it was written without a flush. */
    private boolean write(Exchange exchange) {
        FullHttpResponse response = exchange.response;
        boolean close = exchange.closeAfter || !exchange.keepAlive;
        // Against the request's version: an HTTP/1.0 client needs "Connection: keep-alive" to keep it.
        HttpUtil.setKeepAlive(response.headers(), exchange.version, !close);
        Runnable afterWrite = exchange.afterWrite;
        if (close) {
            finish();
            ctx.writeAndFlush(response).addListener(f -> {
                if (afterWrite != null) {
                    afterWrite.run();
                }
            }).addListener(ChannelFutureListener.CLOSE);
            return false;
        }
        if (afterWrite == null) {
            ctx.write(response, ctx.voidPromise());
        } else {
            ctx.write(response).addListener(f -> afterWrite.run());
        }
        return true;
    }

    private void finish() {
        done = true;
        if (paused) {
            resumeReading(); // a WebSocket or SSE connection reads on its own terms
        }
        Exchange exchange;
        while ((exchange = queue.pollFirst()) != null) {
            if (exchange.response != null) {
                exchange.response.release();
            }
        }
    }
}
