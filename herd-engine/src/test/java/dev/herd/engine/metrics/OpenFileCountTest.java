package dev.herd.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFileCountTest {

    private static final int OPENED = 300;

    @TempDir
    Path dir;

    @Test
    void countsWhatThisProcessOpensAsThePlatformBeanDoes() throws Exception {
        var bean = (com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        OpenFileCount count = new OpenFileCount();
        long before = count.now();
        Path file = Files.createFile(dir.resolve("f"));
        List<FileChannel> open = new ArrayList<>();
        try {
            for (int i = 0; i < OPENED; i++) {
                open.add(FileChannel.open(file, StandardOpenOption.READ));
            }
            // Other threads of the test JVM may open or close a file meanwhile: a few either way.
            assertThat(count.now()).isCloseTo(before + OPENED, Offset.offset(3L))
                    .isCloseTo(bean.getOpenFileDescriptorCount(), Offset.offset(3L));
        } finally {
            for (FileChannel c : open) {
                c.close();
            }
        }
        assertThat(count.now()).isCloseTo(before, Offset.offset(3L));
        assertThat(count.limit()).isEqualTo(bean.getMaxFileDescriptorCount());
    }
}
