package dev.herd.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak check itself: a buffer dropped without release is reported (and cleared so this class passes). */
class NettyLeaksTest {

    @Test
    void aBufferThatIsNeverReleasedIsReported() {
        assertThat(NettyLeaks.isInstalled()).isTrue();
        NettyLeaks.collect(); // start clean
        leak();
        List<String> leaks = NettyLeaks.collect();
        assertThat(leaks).isNotEmpty();
        assertThat(leaks.get(0)).contains("LEAK").contains("ByteBuf");
    }

    private static void leak() {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(42);
        // no release: the only reference goes away with this frame
    }
}
