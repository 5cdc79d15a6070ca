package dev.herd.cli.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What {@link RealServer} does with the scripts under servers/: a server that is not installed skips the test with
 * start.sh's one line (and fails it where CI=true), a started server is stopped with its whole process group.
 */
class RealServerTest {

    private static final String NOT_INSTALLED = "fake is not installed (fake-binary missing): run servers/install.sh fake";

    @TempDir
    Path dir;

    @Test
    void aServerThatIsNotInstalledSkipsTheTestWithOneLineSayingHowToInstallIt() throws Exception {
        RealServer fake = new RealServer("fake", notInstalledScripts(), Map.of(), name -> null);
        assertThatThrownBy(fake::start).isInstanceOf(TestAbortedException.class).hasMessage(NOT_INSTALLED);
    }

    @Test
    void whereCiIsTrueAServerThatIsNotInstalledFailsTheTest() throws Exception {
        RealServer fake = new RealServer("fake", notInstalledScripts(), Map.of(), name -> "true");
        assertThatThrownBy(fake::start).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith(NOT_INSTALLED).hasMessageContaining("CI=true");
    }

    @Test
    void whereCiIsAnythingElseItSkips() throws Exception {
        RealServer fake = new RealServer("fake", notInstalledScripts(), Map.of(), name -> "false");
        assertThatThrownBy(fake::start).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void startShSaysHowToInstallAServerWhoseBinaryIsNotOnThePath() {
        // Debian installs mosquitto in /usr/sbin: without it on the PATH, start.sh finds no mosquitto.
        RealServer mosquitto = new RealServer("mosquitto", RealServer.repositoryRoot().resolve("servers"),
                Map.of("PATH", "/usr/bin:/bin"), name -> null);
        assertThatThrownBy(mosquitto::start).isInstanceOf(TestAbortedException.class)
                .hasMessage("mosquitto is not installed (mosquitto missing): run servers/install.sh mosquitto");
    }

    @Test
    void aStartedServerListensOnLoopbackAndStopsWithItsWholeProcessGroup() throws Exception {
        RealServer websocketd = RealServer.named("websocketd");
        long pid;
        int port;
        try {
            websocketd.start();
            pid = websocketd.pid();
            port = websocketd.port();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(client.isConnected()).isTrue();
            }
            assertThat(websocketd.listeningSockets()).containsExactly(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(websocketd.directory()).isDirectory();
        } finally {
            websocketd.close();
        }
        assertThat(ProcessGroup.livePids(pid)).isEmpty();
        assertThat(ProcessGroup.listeningSockets(pid)).isEmpty();
        assertThat(RealServer.repositoryRoot().resolve("servers/run/websocketd-" + port + ".pid")).doesNotExist();
    }

    @Test
    void closingAServerThatDidNotStartDoesNothing() {
        new RealServer("fake", dir, Map.of(), name -> null).close();
    }

    /** A servers/ directory whose start.sh says, as the real one does, that the server is not installed. */
    private Path notInstalledScripts() throws Exception {
        Path start = dir.resolve("start.sh");
        Files.writeString(start, "#!/bin/sh\necho '" + NOT_INSTALLED + "' >&2\nexit 3\n");
        Files.setPosixFilePermissions(start, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
