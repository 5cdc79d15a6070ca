package dev.herd.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.broker.testing.TargetFixture;
import io.netty.util.ResourceLeakDetector;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The container image Jib built as a tar (profile image-tar, in every build that runs the tests, on the base
 * deploy/image/offline-base.sh makes without a registry): its manifest and config say how herd starts, its layers hold
 * herd's jars and a Java runtime, and herd runs from the unpacked layers (chroot, as root) as the image's user: its
 * version, then a short broadcast against the reference target with every message received.
 */
class ContainerImageIT {

    @TempDir
    static Path dir;

    private static Image image;

    @BeforeAll
    static void unpackTheImage() throws Exception {
        String tar = System.getProperty("herd.imageTar");
        assumeTrue(tar != null, "the image is built by the image-tar profile, which -P!image-tar turns off");
        assertThat(Path.of(tar)).as("jib:buildTar's output").isRegularFile();
        image = Image.unpack(Path.of(tar), dir.resolve("image"));
    }

    @Test
    void theConfigStartsHerdAsAnUnprivilegedUserAndTheLayersHoldItsJarsAndAJavaRuntime() throws Exception {
        JsonNode config = image.config().get("config");
        List<String> entrypoint = strings(config.get("Entrypoint"));
        assertThat(entrypoint).startsWith("java").endsWith("-cp", "@/app/jib-classpath-file", "dev.herd.cli.Herd")
                .as("bin/herd's JVM options, every one").containsAll(binHerdJvmOptions());
        assertThat(config.path("Cmd").isMissingNode() || config.get("Cmd").isNull() || config.get("Cmd").isEmpty())
                .as("no default arguments: the scenario comes from the pod or docker run").isTrue();
        assertThat(config.get("User").asText()).isEqualTo("65532");
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/tmp");
        assertThat(strings(config.get("Env"))).anySatisfy(e -> assertThat(e).startsWith("PATH=")
                .contains("/opt/java/openjdk/bin"));
        assertThat(image.config().get("rootfs").get("diff_ids")).hasSameSizeAs(image.layers());

        List<String> paths = image.paths();
        assertThat(paths).contains("opt/java/openjdk/bin/java", "app/jib-classpath-file",
                "app/classpath/herd-cli-0.1.0-SNAPSHOT.jar", "app/libs/herd-engine-0.1.0-SNAPSHOT.jar",
                "app/libs/herd-broker-0.1.0-SNAPSHOT.jar", "app/libs/herd-report-0.1.0-SNAPSHOT.jar",
                "app/libs/netty-transport-native-epoll-4.2.18.Final-linux-x86_64.jar");
        Path rootfs = image.rootfs();
        try (ZipFile jar = new ZipFile(rootfs.resolve("app/classpath/herd-cli-0.1.0-SNAPSHOT.jar").toFile())) {
            assertThat(jar.getEntry("dev/herd/cli/Herd.class")).isNotNull();
        }
        assertThat(Files.readAllLines(rootfs.resolve("app/jib-classpath-file")).get(0))
                .startsWith("/app/classpath/*:").contains("/app/libs/herd-engine-0.1.0-SNAPSHOT.jar", "/app/libs/picocli-");
    }

    @Test
    void herdRunsFromTheImageAsItsUser() throws Exception {
        Chroot chroot = Chroot.of(image);
        Chroot.Ran version = chroot.run("--version");
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("herd 0.1.0-SNAPSHOT");

        ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            Chroot.Ran run = chroot.run("broadcast", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--topics", "2", "--subscribers", "20", "--rate", "40", "--duration", "1s",
                    "--connect-within", "300ms", "--drain", "1s", "--out", "/tmp/run", "-q", "--threshold",
                    "messages.lost == 0");
            assertThat(run.exit()).as(run.output()).isZero();
            JsonNode messages = new ObjectMapper().readTree(image.rootfs().resolve("tmp/run/summary.json").toFile())
                    .get("messages");
            assertThat(messages.get("received").asLong()).isPositive().isEqualTo(messages.get("expected").asLong());
            assertThat(run.output()).as("netty's epoll transport loads from the image").contains("transport: epoll");
        } finally {
            ResourceLeakDetector.setLevel(previous);
        }
    }

    /**
     * The JVM options bin/herd starts herd with (its {@code jvm_opts} array and what it adds to it when the runtime
     * knows an option), which the image, whose runtime is known, must start it with too.
     */
    private static List<String> binHerdJvmOptions() throws IOException {
        String script = Files.readString(Path.of("..", "bin", "herd"));
        Matcher options = Pattern.compile("jvm_opts\\+?=\\(([^)]*)\\)").matcher(script);
        List<String> list = new ArrayList<>();
        while (options.find()) {
            list.addAll(List.of(options.group(1).trim().split("\\s+")));
        }
        assertThat(list).as("bin/herd declares jvm_opts=(...)")
                .contains("-Dio.netty.leakDetection.level=disabled", "-XX:+UseG1GC", "-XX:TrimNativeHeapInterval=2000");
        return list;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** An image tar (docker save format) unpacked: its manifest, config, layers, and the layers laid out as a root. */
    private record Image(JsonNode config, List<Path> layers, Path rootfs) {

        static Image unpack(Path tar, Path into) throws Exception {
            Path outer = Files.createDirectories(into.resolve("tar"));
            untar(tar, outer);
            ObjectMapper json = new ObjectMapper();
            JsonNode manifest = json.readTree(outer.resolve("manifest.json").toFile());
            assertThat(manifest).hasSize(1);
            JsonNode config = json.readTree(outer.resolve(manifest.get(0).get("Config").asText()).toFile());
            List<Path> layers = new ArrayList<>();
            manifest.get(0).get("Layers").forEach(l -> layers.add(outer.resolve(l.asText())));
            Path rootfs = Files.createDirectories(into.resolve("rootfs"));
            for (Path layer : layers) {
                untar(layer, rootfs); // in order: a later layer's file wins, as in a container
            }
            return new Image(config, layers, rootfs);
        }

        /** Every path the layers hold, relative ("app/libs/x.jar"). */
        List<String> paths() throws Exception {
            List<String> paths = new ArrayList<>();
            for (Path layer : layers) {
                for (String line : tar("-tf", layer.toString()).lines().toList()) {
                    String path = line.startsWith("./") ? line.substring(2) : line.startsWith("/") ? line.substring(1) : line;
                    paths.add(path);
                }
            }
            return paths;
        }

        private static void untar(Path tar, Path into) throws Exception {
            tar("-xf", tar.toString(), "-C", into.toString());
        }

        private static String tar(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of("tar"));
            command.addAll(List.of(args));
            Path out = Files.createTempFile("herd-tar", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionFailedError("tar " + String.join(" ", args) + " did not end");
                }
                String output = Files.readString(out);
                if (p.exitValue() != 0) {
                    throw new AssertionFailedError("tar " + String.join(" ", args) + " failed:\n" + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }

    /**
     * The image's entrypoint run in its unpacked root: chroot as the image's user, with the image's environment and
     * /proc mounted in a mount namespace of its own (unshare), which ends with the process. Needs root; without it
     * the test is skipped, where CI=true it fails.
     */
    private record Chroot(Image image, List<String> entrypoint, Map<String, String> environment, String user) {

        record Ran(int exit, String output) {
        }

        static Chroot of(Image image) throws Exception {
            JsonNode config = image.config().get("config");
            if (!"0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim())
                    || !new File("/usr/bin/unshare").canExecute()) {
                String why = "running the image's root needs root and unshare (chroot, a mount namespace for /proc)";
                if ("true".equals(System.getenv("CI"))) {
                    throw new AssertionFailedError(why + " (CI=true)");
                }
                throw new TestAbortedException(why);
            }
            Map<String, String> environment = new java.util.HashMap<>();
            config.get("Env").forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                environment.put(kv[0], kv[1]);
            });
            List<String> entrypoint = new ArrayList<>();
            config.get("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
            Files.createDirectories(image.rootfs().resolve("proc"));
            return new Chroot(image, entrypoint, environment, config.get("User").asText());
        }

        Ran run(String... args) throws Exception {
            List<String> inside = new ArrayList<>(entrypoint);
            inside.addAll(List.of(args));
            String root = image.rootfs().toString();
            // sh -c 'mount ... && exec chroot ... "$@"' sh ARGS: the arguments pass through unquoted
            // the host's commands by their paths: PATH is the image's
            List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--fork", "/bin/sh", "-c",
                    "/bin/mount -t proc proc \"$0/proc\" && exec /usr/sbin/chroot --userspec=" + user + ":" + user
                            + " \"$0\" \"$@\"", root));
            command.addAll(inside);
            Path out = Files.createTempFile("herd-chroot", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(out.toFile());
                builder.environment().clear();
                builder.environment().putAll(environment);
                Process p = builder.start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionFailedError("herd in the image did not end: " + String.join(" ", args));
                }
                return new Ran(p.exitValue(), Files.readString(out));
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }
}
