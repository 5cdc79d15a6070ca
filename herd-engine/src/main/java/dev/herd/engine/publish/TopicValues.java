package dev.herd.engine.publish;

import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.protocol.Placeholders;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** The placeholders of one topic's publish bodies: {@code {{topic}}}, {@code {{topic_index}}} and {@code {{run}}}. */
final class TopicValues implements FrameValues {

    private final byte[] topicName;
    private final int topicIndex;
    private final long runId;

    TopicValues(String topicName, int topicIndex, long runId) {
        this.topicName = topicName.getBytes(StandardCharsets.UTF_8);
        this.topicIndex = topicIndex;
        this.runId = runId;
    }

    @Override
    public void write(String name, ByteBuf out) {
        switch (name) {
            case Placeholders.TOPIC -> out.writeBytes(topicName);
            case Placeholders.TOPIC_INDEX -> Placeholders.writeDecimal(out, topicIndex);
            case Placeholders.RUN -> Placeholders.writeRunId(out, runId);
            default -> throw new IllegalStateException("no value for {{" + name + "}} in a publish body");
        }
    }
}
