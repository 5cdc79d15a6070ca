package dev.herd.engine.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The QoS 1 window: packet ids in order, wrapping after 65535, completed by PUBACK in any order. */
class MqttInFlightTest {

    private final EmbeddedChannel ch = new EmbeddedChannel();

    @Test
    void packetIdsRunFromOneTo65535AndWrapToOne() {
        MqttInFlight inFlight = new MqttInFlight(MqttInFlight.CAPACITY);
        for (int expected = 1; expected <= 65_535; expected++) {
            ChannelPromise promise = ch.newPromise();
            assertThat(inFlight.add(promise)).isEqualTo(expected);
            inFlight.acknowledged(expected);
            assertThat(promise.isSuccess()).isTrue();
        }
        ChannelPromise wrapped = ch.newPromise();
        assertThat(inFlight.add(wrapped)).isEqualTo(1);
        inFlight.acknowledged(1);
        assertThat(wrapped.isSuccess()).isTrue();
        assertThat(inFlight.pending()).isZero();
    }

    @Test
    void theWindowFillsAndFreesAsPubacksArrive() {
        MqttInFlight inFlight = new MqttInFlight(3);
        ChannelPromise[] promises = {ch.newPromise(), ch.newPromise(), ch.newPromise()};
        for (ChannelPromise promise : promises) {
            assertThat(inFlight.add(promise)).isPositive();
        }
        assertThat(inFlight.add(ch.newPromise())).isZero();
        inFlight.acknowledged(2);
        // The oldest still waits: the window counts from it.
        assertThat(inFlight.add(ch.newPromise())).isZero();
        inFlight.acknowledged(1);
        assertThat(inFlight.pending()).isEqualTo(1);
        assertThat(inFlight.add(ch.newPromise())).isEqualTo(4);
        assertThat(inFlight.add(ch.newPromise())).isEqualTo(5);
        assertThat(inFlight.add(ch.newPromise())).isZero();
    }

    @Test
    void aReceiveMaximumAboveTheCapacityIsHeldToIt() {
        MqttInFlight inFlight = new MqttInFlight(65_535);
        for (int k = 0; k < MqttInFlight.CAPACITY; k++) {
            assertThat(inFlight.add(ch.newPromise())).isEqualTo(k + 1);
        }
        assertThat(inFlight.add(ch.newPromise())).isZero();
    }

    @Test
    void failAllFailsEveryPublishStillWaiting() {
        MqttInFlight inFlight = new MqttInFlight(10);
        ChannelPromise acknowledged = ch.newPromise();
        ChannelPromise waiting = ch.newPromise();
        inFlight.add(acknowledged);
        inFlight.add(waiting);
        inFlight.acknowledged(1);
        inFlight.failAll(MqttInFlight.CLOSED);
        assertThat(acknowledged.isSuccess()).isTrue();
        assertThat(waiting.cause()).isSameAs(MqttInFlight.CLOSED);
        assertThat(inFlight.pending()).isZero();
        assertThat(inFlight.add(ch.newPromise())).isEqualTo(3);
    }
}
