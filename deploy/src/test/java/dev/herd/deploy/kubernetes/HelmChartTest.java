package dev.herd.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart under deploy/kubernetes/helm/herd, linted and rendered by Helm itself (helm-java runs Helm's Go code
 * in the JVM), every rendered object read strictly into the Kubernetes API's types, then the fields of issue 13
 * checked one by one.
 */
class HelmChartTest {

    static final Path CHART = Path.of("kubernetes/helm/herd");
    /** The oldest Kubernetes the chart declares (Chart.yaml kubeVersion): backoffLimitPerIndex is on from 1.29. */
    private static final String KUBE_VERSION = "1.29.0";

    @TempDir
    Path dir;

    /** helm template RELEASE CHART --kube-version 1.29.0 with a fixed run id and start, plus {@code more}. */
    static String render(String release, UnaryOperator<TemplateCommand> more) {
        TemplateCommand template = new Helm(CHART).template().withName(release).withKubeVersion(KUBE_VERSION)
                .set("run.id", "1a2b3c4d").set("run.startAt", "2026-12-06T21:30:00Z");
        return more.apply(template).call();
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void theDefaultsRenderTheRunWithEveryFieldOfTheIssue() {
        List<HasMetadata> objects = KubernetesManifests.parse(render("herd", t -> t));
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "ConfigMap/herd-run", "PersistentVolumeClaim/herd-results", "Job/herd", "Job/herd-merge");
        HerdRunManifests run = new HerdRunManifests(objects, "herd", 4, "herd-results");
        run.checkSlices();
        run.checkMerge();
        run.checkResultsClaim();
        ConfigMap runValues = KubernetesManifests.only(objects, ConfigMap.class, "herd-run");
        assertThat(runValues.getData()).containsEntry("RUN_ID", "1a2b3c4d")
                .containsEntry("START_AT", "2026-12-06T21:30:00Z");
        PodSpec pod = run.slicesJob().getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getArgs()).startsWith("broadcast", "--url");
        assertThat(pod.getContainers().get(0).getResources().getLimits())
                .containsEntry("memory", new io.fabric8.kubernetes.api.model.Quantity("1Gi"));
    }

    @Test
    void theKnobsChangeWhatTheyName() {
        List<HasMetadata> objects = KubernetesManifests.parse(render("load-7", t -> t.set("slices", 12)
                .set("results.claimName", "shared-results").set("results.create", false)
                .set("resources.cpu", "2").set("resources.memory", "2Gi").set("localPortRange", "2000 64000")
                .set("merge.wait", "25m").set("image.repository", "registry.example/herd").set("image.tag", "1.0")
                .set("ttlSecondsAfterFinished", 3600)));
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactlyInAnyOrder("ConfigMap/load-7-run", "Job/load-7", "Job/load-7-merge");
        HerdRunManifests run = new HerdRunManifests(objects, "load-7", 12, "shared-results");
        run.checkSlices();
        run.checkMerge();
        Job slices = run.slicesJob();
        assertThat(slices.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
        assertThat(slices.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example/herd:1.0");
        assertThat(slices.getSpec().getTemplate().getSpec().getSecurityContext().getSysctls().get(0).getValue())
                .isEqualTo("2000 64000");
        assertThat(run.mergeJob().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSequence("--wait", "25m").containsSequence("--expect", "12");
    }

    @Test
    void aScenarioFileIsMountedFromAConfigMapAndRunWithHerdRun() throws Exception {
        Path file = dir.resolve("scenario.yaml");
        String text = "scenario: broadcast\ntarget:\n  url: ws://chat:8080/ws/{topic}\nclients:\n  subscribers: 1000\n";
        Files.writeString(file, text);
        List<HasMetadata> objects = KubernetesManifests.parse(render("filed", t -> t.setFile("scenarioFile", file)));
        new HerdRunManifests(objects, "filed", 4, "herd-results").checkSlices();
        assertThat(KubernetesManifests.only(objects, ConfigMap.class, "filed-scenario").getData())
                .containsEntry("scenario.yaml", text);
        PodSpec pod = KubernetesManifests.only(objects, Job.class, "filed").getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getArgs()).startsWith("run", "/etc/herd/scenario.yaml");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getConfigMap() != null)
                .singleElement().satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("filed-scenario"));
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/herd"));
    }

    @Test
    void withoutARunIdOrStartOneOfEightHexDigitsAndAStartAfterTheDelayAreMade() {
        Instant before = Instant.now();
        String yaml = new Helm(CHART).template().withName("herd").withKubeVersion(KUBE_VERSION)
                .set("run.startDelay", "90s").call();
        ConfigMap run = KubernetesManifests.only(KubernetesManifests.parse(yaml), ConfigMap.class, "herd-run");
        assertThat(run.getData().get("RUN_ID")).matches("[0-9a-f]{8}");
        Instant start = OffsetDateTime.parse(run.getData().get("START_AT")).toInstant();
        assertThat(start).isBetween(before.plus(Duration.ofSeconds(89)), Instant.now().plus(Duration.ofSeconds(91)));
    }

    @Test
    void theSysctlCanBeLeftOutTheSpreadRelaxedAndTheMergeLeftToTheUser() {
        List<HasMetadata> objects = KubernetesManifests.parse(render("herd", t -> t.set("localPortRange", "")
                .set("spread.whenUnsatisfiable", "ScheduleAnyway").set("merge.enabled", false)));
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactlyInAnyOrder("ConfigMap/herd-run", "PersistentVolumeClaim/herd-results", "Job/herd");
        PodSpec pod = KubernetesManifests.only(objects, Job.class, "herd").getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getSysctls()).isEmpty();
        assertThat(pod.getTopologySpreadConstraints().get(0).getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--slice", "--out", "--threshold", "--run-id", "--start-at"})
    void argsTheChartSetsItselfAreRefusedNamingTheFlag(String flag) throws Exception {
        Path values = Files.writeString(dir.resolve("values.yaml"),
                "args: [--url, 'ws://chat/ws/{topic}', '" + flag + "=x', --topics, '4']\n");
        assertThatThrownBy(() -> render("herd", t -> t.withValuesFile(values)))
                .hasMessageContaining("args: leave out " + flag);
    }

    @Test
    void aRunIdThatIsNotHexIsRefused() {
        assertThatThrownBy(() -> render("herd", t -> t.set("run.id", "run-one")))
                .hasMessageContaining("run.id must be 1 to 8 hex digits");
    }

    @Test
    void noSlicesIsRefused() {
        assertThatThrownBy(() -> render("herd", t -> t.set("slices", 0))).hasMessageContaining("slices must be at least 1");
    }
}
