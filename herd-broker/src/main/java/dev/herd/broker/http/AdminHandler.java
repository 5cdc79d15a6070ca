package dev.herd.broker.http;

import dev.herd.broker.pubsub.TopicName;
import dev.herd.broker.fault.DropFault;
import dev.herd.broker.fault.MessageDropFault;
import dev.herd.broker.fault.RestartFault;
import dev.herd.broker.fault.StallFault;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.Set;

/**
 * {@code POST /admin/{restart,drop,stall,drop-messages}}: fault injection. A bad or missing parameter is 400
 * with a one-line reason, an unknown name 404, a method other than POST 405. Every fault answers 202 with a
 * small JSON body:
 * <pre>
 * restart?down=2s                   {"down_ms":2000}      (409 while a restart runs)
 * drop?fraction=0.5                 {"dropped":3}
 * stall?for=1s[&freeze=true]       {"stall_ms":1000,"freeze":false}
 * drop-messages?topic=T&amp;count=K     {"subscriber":"127.0.0.1:53211"}   (409 when T has no subscriber)
 * </pre>
 */
public final class AdminHandler {

    private static final Set<String> ENDPOINTS = Set.of("restart", "drop", "stall", "drop-messages");

    private final RestartFault restart;
    private final DropFault drop;
    private final StallFault stall;
    private final MessageDropFault messageDrop;

    public AdminHandler(RestartFault restart, DropFault drop, StallFault stall, MessageDropFault messageDrop) {
        this.restart = restart;
        this.drop = drop;
        this.stall = stall;
        this.messageDrop = messageDrop;
    }

    void handle(FullHttpRequest request, String name, Exchange exchange) {
        if (!ENDPOINTS.contains(name)) {
            exchange.respond(HttpReplies.notFound("/admin/" + name));
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            exchange.respond(HttpReplies.methodNotAllowed(HttpMethod.POST, request.method()));
            return;
        }
        AdminParameters parameters = new AdminParameters(new QueryStringDecoder(request.uri()).parameters());
        try {
            switch (name) {
                case "restart" -> restart(parameters.duration("down"), exchange);
                case "drop" -> {
                    int dropped = drop.drop(parameters.fraction("fraction"));
                    exchange.respond(accepted("{\"dropped\":" + dropped + "}"));
                }
                case "stall" -> {
                    Duration duration = parameters.duration("for");
                    boolean freeze = parameters.flag("freeze");
                    exchange.respond(accepted("{\"stall_ms\":" + duration.toMillis() + ",\"freeze\":" + freeze + "}"));
                    stall.stall(duration, freeze);
                }
                default -> dropMessages(parameters, exchange);
            }
        } catch (IllegalArgumentException e) {
            exchange.respond(HttpReplies.text(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        }
    }

    private void restart(Duration down, Exchange exchange) {
        if (restart.isRestarting()) {
            exchange.respond(HttpReplies.text(HttpResponseStatus.CONFLICT, "a restart is already in progress"));
            return;
        }
        // 202 first: the restart closes this connection too, so it starts once the answer is written.
        exchange.respond(accepted("{\"down_ms\":" + down.toMillis() + "}"), () -> {
            try {
                restart.restart(down);
            } catch (IllegalStateException alreadyRunning) {
                // a concurrent request won the race; that restart is the one under way
            }
        });
    }

    private void dropMessages(AdminParameters parameters, Exchange exchange) {
        String topic = parameters.required("topic");
        if (!TopicName.isValid(topic)) {
            throw new IllegalArgumentException("parameter 'topic' is not a valid topic name: '" + topic + "'");
        }
        int count = parameters.count("count");
        messageDrop.dropNext(topic, count).thenAccept(chosen -> exchange.respond(chosen
                .map(subscriber -> accepted("{\"subscriber\":" + HttpReplies.jsonString(subscriber) + "}"))
                .orElseGet(() -> HttpReplies.text(HttpResponseStatus.CONFLICT,
                        "topic '" + topic + "' has no subscriber"))));
    }

    private static FullHttpResponse accepted(String json) {
        return HttpReplies.json(HttpResponseStatus.ACCEPTED, json);
    }
}
