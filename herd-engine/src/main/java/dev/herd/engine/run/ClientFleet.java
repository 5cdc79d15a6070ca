package dev.herd.engine.run;

import dev.herd.engine.client.ClientContext;
import dev.herd.engine.client.ClientPlaceholders;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.client.ClientRole;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.publish.HttpPublishSession;
import dev.herd.engine.publish.PayloadTemplate;
import dev.herd.engine.publish.PublishOutlet;
import dev.herd.engine.publish.TopicLedger;
import dev.herd.engine.publish.WsPublishOutlet;
import dev.herd.engine.receive.StampReceiver;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.sse.SseSession;
import dev.herd.engine.ws.WsSession;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * Every client of a run, built up front: subscribers spread evenly over topics and event loops, and the
 * publishers (one WebSocket connection per topic, or a few HTTP POST connections shared by topics). A
 * topic's publisher and its outlet live on the same loop, so publishing never crosses threads.
 */
final class ClientFleet {

    private final Scenario scenario;
    private final ClientContext ctx;
    /** The subscribe URL as the run's protocol completes it. */
    private final TargetUrl subscribeUrl;
    final List<ClientSession> subscribers = new ArrayList<>();
    final List<StampReceiver> receivers = new ArrayList<>();
    final TopicLedger[] ledgers;
    final PublishOutlet[] outletByTopic;
    final EventLoop[] publishLoopByTopic;
    final List<ClientSession> publishers = new ArrayList<>();
    final List<HttpPublishSession> httpPublishers = new ArrayList<>();
    final EventLoop[] loops;

    ClientFleet(Scenario scenario, ClientContext ctx, EventLoop[] loops, boolean publishing) {
        this.scenario = scenario;
        this.ctx = ctx;
        this.loops = loops;
        this.subscribeUrl = scenario.url().isWebSocket() ? ctx.options().protocol().url(scenario.url())
                : scenario.url();
        int topics = scenario.topics();
        ledgers = new TopicLedger[topics];
        for (int t = 0; t < topics; t++) {
            ledgers[t] = new TopicLedger(t);
        }
        outletByTopic = new PublishOutlet[topics];
        publishLoopByTopic = new EventLoop[topics];
        if (publishing) {
            buildPublishers(scenario, ctx, loops);
        }
        add(scenario.subscribers());
    }

    /**
     * Creates {@code count} more subscribers (not started), spread over topics and loops by index. A
     * subscriber created after messages were published on its topic is expected to receive only the later ones.
     */
    synchronized List<ClientSession> add(int count) {
        List<ClientSession> added = new ArrayList<>(count);
        int topics = scenario.topics();
        for (int k = 0; k < count; k++) {
            int i = subscribers.size();
            int topic = i % topics;
            EventLoop loop = loops[i % loops.length];
            StampReceiver receiver = new StampReceiver(ctx.clock(), ctx.runId(), topic, ctx.metrics().forLoop(loop));
            receiver.tracker().startAt(ledgers[topic].sent());
            ClientSession session = subscribeUrl.isWebSocket()
                    ? new WsSession(ctx, i, ClientRole.SUBSCRIBER, topic, subscribeUrl, loop, receiver)
                    : new SseSession(ctx, i, ClientRole.SUBSCRIBER, topic, subscribeUrl, loop, receiver);
            receivers.add(receiver);
            subscribers.add(session);
            added.add(session);
        }
        return added;
    }

    synchronized int size() {
        return subscribers.size();
    }

    synchronized ClientSession subscriber(int index) {
        return subscribers.get(index);
    }

    synchronized List<ClientSession> subscribersSnapshot() {
        return List.copyOf(subscribers);
    }

    private void buildPublishers(Scenario scenario, ClientContext ctx, EventLoop[] loops) {
        MessageSpec message = scenario.message();
        PayloadTemplate template = PayloadTemplate.parse(message.template(), message.sizeBytes());
        TargetUrl publishUrl = scenario.effectivePublishUrl();
        int topics = scenario.topics();
        if (publishUrl.isWebSocket()) {
            publishUrl = ctx.options().protocol().url(publishUrl);
            for (int t = 0; t < topics; t++) {
                EventLoop loop = loops[t % loops.length];
                WsSession session = new WsSession(ctx, t, ClientRole.PUBLISHER, t, publishUrl, loop, null);
                publishers.add(session);
                outletByTopic[t] = new WsPublishOutlet(session, ledgers[t], template, message.binary(), ctx.runId(),
                        ctx.clock(), ctx.metrics().forLoop(loop));
                publishLoopByTopic[t] = loop;
            }
            return;
        }
        int connections = Math.min(topics, message.httpConnections());
        String[] requestTargets = new String[topics];
        for (int t = 0; t < topics; t++) {
            int topic = t;
            requestTargets[t] = TargetUrl.requestTarget(java.net.URI.create(ClientPlaceholders.expand(
                    publishUrl.template(), name -> switch (name) {
                        case Placeholders.TOPIC -> scenario.topicName(topic);
                        case Placeholders.TOPIC_INDEX -> Integer.toString(topic);
                        case Placeholders.RUN -> String.format("%08x", ctx.runId());
                        default -> null;
                    })));
        }
        HttpPublishSession[] byConnection = new HttpPublishSession[connections];
        for (int c = 0; c < connections; c++) {
            EventLoop loop = loops[c % loops.length];
            byConnection[c] = new HttpPublishSession(ctx, c, publishUrl, loop, ledgers, requestTargets, template,
                    message.contentType(), message.httpMaxInFlight());
            publishers.add(byConnection[c]);
            httpPublishers.add(byConnection[c]);
        }
        for (int t = 0; t < topics; t++) {
            HttpPublishSession session = byConnection[t % connections];
            outletByTopic[t] = session;
            publishLoopByTopic[t] = session.loop();
        }
    }
}
