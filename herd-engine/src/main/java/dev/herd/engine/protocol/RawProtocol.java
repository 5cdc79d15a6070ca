package dev.herd.engine.protocol;

import java.util.List;
import java.util.Set;

/**
 * The default: nothing spoken over the WebSocket. The topic is in the URL, each frame a subscriber receives is scanned
 * for stamps, and a publisher's payload is the frame.
 */
public final class RawProtocol implements WireProtocol {

    public static final String NAME = "raw";
    public static final RawProtocol INSTANCE = new RawProtocol();

    private RawProtocol() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> subprotocols() {
        return List.of();
    }

    @Override
    public boolean subscribes() {
        return false;
    }

    @Override
    public Set<String> placeholders() {
        return Set.of();
    }

    @Override
    public ProtocolStage newStage(ProtocolSession session) {
        throw new UnsupportedOperationException("raw WebSocket has no protocol stage");
    }
}
