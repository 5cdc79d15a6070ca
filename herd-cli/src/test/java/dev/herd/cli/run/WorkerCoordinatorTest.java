package dev.herd.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The workers get this JVM's options, except those N processes would fight over. */
class WorkerCoordinatorTest {

    @Test
    void workersKeepHeapAndGcOptionsButNotDebuggersAgentsOrRecordings() {
        List<String> given = List.of("-XX:+UseG1GC", "-XX:MaxNewSize=64m", "-Dio.netty.leakDetection.level=disabled",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:/opt/agent.jar",
                "-agentpath:/opt/libprof.so", "-Xrunjdwp:transport=dt_socket", "-XX:StartFlightRecording=filename=a.jfr",
                "-Xmx2g");
        assertThat(WorkerCoordinator.jvmOptions(given)).containsExactly("-XX:+UseG1GC", "-XX:MaxNewSize=64m",
                "-Dio.netty.leakDetection.level=disabled", "-Xmx2g");
    }
}
