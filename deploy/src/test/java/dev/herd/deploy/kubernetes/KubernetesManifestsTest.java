package dev.herd.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

/** The strict reader refuses what the Kubernetes API would: the checks of the chart rely on it. */
class KubernetesManifestsTest {

    private static final String JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: herd
            spec:
              completionMode: Indexed
              %s
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: herd
                      image: herd:1
                      resources:
                        limits: {cpu: "1", memory: 1Gi}
            """;

    @Test
    void aValidJobIsReadIntoItsApiType() {
        Job job = KubernetesManifests.only(KubernetesManifests.parse(JOB.formatted("completions: 4") + "---\n"),
                Job.class, "herd");
        assertThat(job.getSpec().getCompletions()).isEqualTo(4);
    }

    @Test
    void aFieldTheApiDoesNotHaveIsNamed() {
        assertThatThrownBy(() -> KubernetesManifests.parse(JOB.formatted("completion: 4")))
                .hasMessageContaining("Job herd does not match the Kubernetes API").hasMessageContaining("completion");
    }

    @Test
    void aMisplacedFieldIsNamed() {
        assertThatThrownBy(() -> KubernetesManifests.parse(JOB.formatted("sysctls: []")))
                .hasMessageContaining("sysctls");
    }

    @Test
    void aStringWhereTheApiHasANumberIsRefused() {
        assertThatThrownBy(() -> KubernetesManifests.parse(JOB.formatted("completions: \"4\"")))
                .hasMessageContaining("completions");
    }

    @Test
    void anApiVersionThatDoesNotServeTheKindIsRefused() {
        assertThatThrownBy(() -> KubernetesManifests.parse(JOB.formatted("completions: 4").replace("batch/v1", "v1")))
                .hasMessageContaining("apiVersion v1, the API serves batch/v1");
    }

    @Test
    void aKindHerdDoesNotUseIsRefused() {
        assertThatThrownBy(() -> KubernetesManifests.parse("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n"))
                .hasMessageContaining("kind 'Deployment'");
    }
}
