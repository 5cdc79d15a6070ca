package dev.herd.engine.protocol.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.protocol.WireProtocol;
import dev.herd.engine.protocol.WireProtocols;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Socket.IO's options, their defaults and errors, and how it completes a URL. */
class SocketIoOptionsTest {

    @Test
    void theOptionsAndDefaultsAreThoseOfTheDesign() {
        assertThat(WireProtocols.names()).contains("socketio");
        assertThat(WireProtocols.options("socketio").stream().map(o -> o.key() + "=" + o.defaultValue()))
                .containsExactly("namespace=/", "subscribe_event=subscribe", "subscribe_args=[\"{{topic}}\"]",
                        "publish_event=publish", "publish_args=[{\"topic\":\"{{topic}}\",\"data\":\"{{payload}}\"}]",
                        "ack=true");
        WireProtocol io = WireProtocols.builtIn("socketio", Map.of());
        assertThat(io.subscribes()).isTrue();
        assertThat(io.publishes()).isTrue();
        assertThat(io.subprotocols()).isEmpty();
        assertThat(io.secretValues()).isEmpty();
        assertThat(io.placeholders()).containsExactlyInAnyOrder("topic", "payload");
    }

    @ParameterizedTest(name = "{0} is an error: {1}")
    @CsvSource(delimiter = '|', value = {
        "room=a                   | protocol option 'room' is not an option of socketio (its options: namespace, "
                + "subscribe_event, subscribe_args, publish_event, publish_args, ack)",
        "ack=maybe                | protocol option 'ack' of socketio must be true or false, not 'maybe'",
        "namespace=chat           | protocol option 'namespace' of socketio must start with / and hold no comma or "
                + "placeholder (e.g. /chat), not 'chat'",
        "subscribe_event=         | protocol option 'subscribe_event' of socketio must name an event",
        "subscribe_args={{topic}} | protocol option 'subscribe_args' of socketio must be a JSON array such as "
                + "[\"{{topic}}\"], not '{{topic}}'",
        "subscribe_args=[\"a\"    | protocol option 'subscribe_args' of socketio must be a JSON array such as "
                + "[\"{{topic}}\"], not '[\"a\"' (not JSON at offset 4: ']' expected)",
        "subscribe_args=[\"{{payload}}\"] | protocol option 'subscribe_args' of socketio uses {{payload}}, which "
                + "only a publish frame has",
        "publish_args={\"data\":\"{{payload}}\"} | protocol option 'publish_args' of socketio must be a JSON array "
                + "such as [{\"topic\":\"{{topic}}\",\"data\":\"{{payload}}\"}], not '{\"data\":\"{{payload}}\"}'",
    })
    void aBadOptionIsOneLineNamingIt(String option, String error) {
        int eq = option.indexOf('=');
        Map<String, String> options = Map.of(option.substring(0, eq), option.substring(eq + 1));
        assertThatThrownBy(() -> WireProtocols.builtIn("socketio", options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(error)
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource({
        "ws://127.0.0.1:3000,                              ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket",
        "ws://127.0.0.1:3000/,                             ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket",
        "wss://host/socket.io,                             wss://host/socket.io/?EIO=4&transport=websocket",
        "ws://host/socket.io/,                             ws://host/socket.io/?EIO=4&transport=websocket",
        "ws://host/app/socket.io/?room={topic},  ws://host/app/socket.io/?room={topic}&EIO=4&transport=websocket",
        "ws://host:3000?room={topic}&x=1,        ws://host:3000/socket.io/?room={topic}&x=1&EIO=4&transport=websocket",
        "ws://host/custom/?EIO=4&transport=websocket,      ws://host/custom/?EIO=4&transport=websocket",
        "ws://host/realtime/?transport=websocket&c=1,      ws://host/realtime/?transport=websocket&c=1&EIO=4",
        "ws://host/?next=/a/b,                             ws://host/socket.io/?next=/a/b&EIO=4&transport=websocket",
    })
    void aUrlIsCompletedAsSocketIoServersExpect(String given, String completed) {
        WireProtocol io = WireProtocols.builtIn("socketio", Map.of());
        assertThat(io.url(TargetUrl.parse(given)).template()).isEqualTo(completed);
    }
}
