package dev.herd.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.List;
import java.util.stream.Stream;

/**
 * What herd's Kubernetes objects of one run must be, whoever wrote them (the Helm chart or the plain manifests): the
 * fields issue 13 names, checked one by one, on objects already read strictly into the API's types.
 *
 * <pre>{@code
 * HerdRunManifests run = new HerdRunManifests(objects, "herd", 4, "herd-results");
 * run.checkSlices(); run.checkMerge(); run.checkResultsClaim();
 * }</pre>
 */
final class HerdRunManifests {

    /** Where the slices and the merge mount the shared volume. */
    static final String RESULTS = "/results";
    /** The kernel's default ephemeral port range, which the sysctl must widen. */
    private static final int DEFAULT_LOW = 32768;
    private static final int DEFAULT_HIGH = 60999;

    private final List<HasMetadata> objects;
    private final String release;
    private final int slices;
    private final String claim;

    HerdRunManifests(List<HasMetadata> objects, String release, int slices, String claim) {
        this.objects = objects;
        this.release = release;
        this.slices = slices;
        this.claim = claim;
    }

    Job slicesJob() {
        return KubernetesManifests.only(objects, Job.class, release);
    }

    Job mergeJob() {
        return KubernetesManifests.only(objects, Job.class, release + "-merge");
    }

    /** The Indexed Job of the slices: its policy, its pods' placement, resources, sysctl, command and volume. */
    void checkSlices() {
        Job job = slicesJob();
        JobSpec spec = job.getSpec();
        assertThat(spec.getCompletionMode()).as("completionMode").isEqualTo("Indexed");
        assertThat(spec.getCompletions()).as("completions").isEqualTo(slices);
        assertThat(spec.getParallelism()).as("parallelism = completions").isEqualTo(slices);
        assertThat(spec.getBackoffLimitPerIndex()).as("backoffLimitPerIndex").isZero();
        assertThat(spec.getMaxFailedIndexes()).as("maxFailedIndexes").isZero();
        List<PodFailurePolicyRule> rules = spec.getPodFailurePolicy().getRules();
        assertThat(rules).as("podFailurePolicy rules").anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailJob");
            PodFailurePolicyOnExitCodesRequirement codes = rule.getOnExitCodes();
            assertThat(codes.getContainerName()).isEqualTo("herd");
            assertThat(codes.getOperator()).isEqualTo("In");
            assertThat(codes.getValues()).containsExactlyInAnyOrder(2, 3);
        });

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).as("restartPolicy (podFailurePolicy needs Never)").isEqualTo("Never");
        TopologySpreadConstraint spread = pod.getTopologySpreadConstraints().stream()
                .filter(t -> "kubernetes.io/hostname".equals(t.getTopologyKey())).findFirst()
                .orElseThrow(() -> new AssertionError("no topologySpreadConstraint on kubernetes.io/hostname"));
        assertThat(spread.getMaxSkew()).as("maxSkew").isEqualTo(1);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).as("the spread selects the slices' pods")
                .containsAllEntriesOf(spread.getLabelSelector().getMatchLabels());
        assertThat(spread.getLabelSelector().getMatchLabels()).containsEntry("app.kubernetes.io/instance", release);

        List<Sysctl> sysctls = pod.getSecurityContext().getSysctls();
        Sysctl range = sysctls.stream().filter(s -> s.getName().equals("net.ipv4.ip_local_port_range")).findFirst()
                .orElseThrow(() -> new AssertionError("no net.ipv4.ip_local_port_range sysctl: " + sysctls));
        String[] bounds = range.getValue().trim().split("\\s+");
        assertThat(bounds).as("ip_local_port_range 'LOW HIGH'").hasSize(2);
        int low = Integer.parseInt(bounds[0]);
        int high = Integer.parseInt(bounds[1]);
        assertThat(low).as("wider than the default range: low").isLessThan(DEFAULT_LOW).isPositive();
        assertThat(high).as("wider than the default range: high").isGreaterThanOrEqualTo(DEFAULT_HIGH)
                .isLessThanOrEqualTo(65535);

        checkGuaranteed(pod);
        checkResultsVolume(pod);

        Container herd = herdContainer(pod);
        assertThat(herd.getCommand()).as("the image's entrypoint runs herd: no command").isNullOrEmpty();
        List<String> args = herd.getArgs();
        assertThat(args.get(0)).as("a scenario (or run FILE)").doesNotStartWith("-");
        assertThat(args).containsSequence("--slice", "auto/" + slices)
                .containsSequence("--run-id", "$(RUN_ID)")
                .containsSequence("--start-at", "$(START_AT)")
                .doesNotContain("--threshold", "--workers");
        assertThat(slicesResults()).as("--out").contains("{slice}").startsWith(RESULTS + "/");
        checkRunEnvironment(herd);
    }

    /** The merge Job: all N slices from the volume, its exit code the verdict. */
    void checkMerge() {
        Job job = mergeJob();
        assertThat(job.getSpec().getBackoffLimit()).as("the merge is not tried again").isZero();
        assertThat(job.getSpec().getCompletionMode()).as("one merge").isNotEqualTo("Indexed");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        checkGuaranteed(pod);
        checkResultsVolume(pod);
        Container herd = herdContainer(pod);
        assertThat(herd.getCommand()).isNullOrEmpty();
        List<String> args = herd.getArgs();
        assertThat(args.get(0)).isEqualTo("merge");
        assertThat(args).containsSequence("--expect", Integer.toString(slices)).contains("--wait", "--out");
        String wait = args.get(args.indexOf("--wait") + 1);
        assertThat(wait).as("--wait DURATION").matches("\\d+(ms|s|m|h)");
        // the slices' directory the merge reads is where the slices write
        String slice0 = slicesResults().replace("{slice}", "0");
        String parent = slice0.substring(0, slice0.lastIndexOf('/'));
        assertThat(args).as("the merge reads the slices' parent directory " + parent).contains(parent);
        String out = args.get(args.indexOf("--out") + 1);
        assertThat(out).startsWith(RESULTS + "/").isNotEqualTo(parent).doesNotStartWith(parent + "/");
        checkRunEnvironment(herd);
    }

    /** The shared volume's claim: ReadWriteMany. */
    void checkResultsClaim() {
        PersistentVolumeClaim pvc = KubernetesManifests.only(objects, PersistentVolumeClaim.class, claim);
        assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(pvc.getSpec().getResources().getRequests()).containsKey("storage");
    }

    /** The slices' --out argument. */
    String slicesResults() {
        List<String> args = herdContainer(slicesJob().getSpec().getTemplate().getSpec()).getArgs();
        int out = args.indexOf("--out");
        assertThat(out).as("--out among the slices' args").isNotNegative();
        return args.get(out + 1);
    }

    /** Every container (init containers too) has requests equal to limits for CPU and memory: Guaranteed QoS. */
    private static void checkGuaranteed(PodSpec pod) {
        Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).forEach(c -> {
            var requests = c.getResources().getRequests();
            var limits = c.getResources().getLimits();
            assertThat(requests).as(c.getName() + " requests").containsKeys("cpu", "memory");
            assertThat(limits).as(c.getName() + " limits equal requests (Guaranteed QoS)").isEqualTo(requests);
        });
    }

    private void checkResultsVolume(PodSpec pod) {
        Volume volume = pod.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null).findFirst()
                .orElseThrow(() -> new AssertionError("no PersistentVolumeClaim volume"));
        assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo(claim);
        List<VolumeMount> mounts = herdContainer(pod).getVolumeMounts();
        assertThat(mounts).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo(volume.getName());
            assertThat(m.getMountPath()).isEqualTo(RESULTS);
            assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        });
    }

    /** RUN_ID and START_AT, which $(RUN_ID) and $(START_AT) in the args expand, come from the run's ConfigMap. */
    private void checkRunEnvironment(Container herd) {
        for (String name : List.of("RUN_ID", "START_AT")) {
            EnvVar env = herd.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " in the environment of " + herd.getName()));
            assertThat(env.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo(release + "-run");
            assertThat(env.getValueFrom().getConfigMapKeyRef().getKey()).isEqualTo(name);
        }
    }

    private static Container herdContainer(PodSpec pod) {
        return pod.getContainers().stream().filter(c -> c.getName().equals("herd")).findFirst()
                .orElseThrow(() -> new AssertionError("no container named herd"));
    }
}
