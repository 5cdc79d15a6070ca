package dev.herd.engine.protocol;

import dev.herd.engine.protocol.graphqlws.GraphqlWsProtocol;
import dev.herd.engine.protocol.socketio.SocketIoProtocol;
import dev.herd.engine.protocol.mqtt.MqttProtocol;
import dev.herd.engine.protocol.stomp.StompProtocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The protocols herd speaks by name ({@code --protocol NAME}), with the options each declares. A script protocol
 * comes from a file instead (({@code protocol.script})).
 */
public final class WireProtocols {

    private record Entry(List<ProtocolOption> options, Function<ProtocolOptions, WireProtocol> factory) {
    }

    private static final Map<String, Entry> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put(RawProtocol.NAME, new Entry(List.of(), o -> RawProtocol.INSTANCE));
        BUILT_IN.put(SocketIoProtocol.NAME, new Entry(SocketIoProtocol.OPTIONS, SocketIoProtocol::of));
        BUILT_IN.put(GraphqlWsProtocol.NAME, new Entry(GraphqlWsProtocol.OPTIONS, GraphqlWsProtocol::of));
        BUILT_IN.put(StompProtocol.NAME, new Entry(StompProtocol.OPTIONS, StompProtocol::of));
        BUILT_IN.put(MqttProtocol.NAME, new Entry(MqttProtocol.OPTIONS, MqttProtocol::of));
    }

    private WireProtocols() {
    }

    /** The names {@code --protocol} takes, {@code raw} first. */
    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_IN.containsKey(name);
    }

    /** The options protocol {@code name} declares, with their defaults. */
    public static List<ProtocolOption> options(String name) {
        return entry(name).options();
    }

    /**
     * Protocol {@code name} with {@code options}; throws {@link IllegalArgumentException} naming an unknown protocol, an
     * unknown option or a bad value.
     */
    public static WireProtocol builtIn(String name, Map<String, String> options) {
        Entry entry = entry(name);
        return entry.factory().apply(ProtocolOptions.of(name, options, entry.options()));
    }

    private static Entry entry(String name) {
        Entry entry = BUILT_IN.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("'" + name + "' is not a protocol herd knows (" + String.join(", ",
                    BUILT_IN.keySet()) + ", or a script file)");
        }
        return entry;
    }
}
