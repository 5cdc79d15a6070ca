package dev.herd.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plain manifests in deploy/kubernetes/ (for kubectl apply, without Helm): read strictly into the Kubernetes API's
 * types, the fields of issue 13 checked, and equal to what the chart renders with its defaults for a release named
 * herd (the run's ConfigMap aside, which kubectl users create with the run's id and start).
 */
class PlainManifestsTest {

    private static final Path PLAIN = Path.of("kubernetes");

    @Test
    void holdTheResultsClaimTheSlicesAndTheMerge() {
        List<HasMetadata> objects = plain();
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "PersistentVolumeClaim/herd-results", "Job/herd", "Job/herd-merge");
        HerdRunManifests run = new HerdRunManifests(objects, "herd", 4, "herd-results");
        run.checkSlices();
        run.checkMerge();
        run.checkResultsClaim();
    }

    @Test
    void areWhatTheChartRendersWithItsDefaults() {
        List<HasMetadata> chart = new ArrayList<>(KubernetesManifests.parse(HelmChartTest.render("herd", t -> t)));
        chart.removeIf(o -> o instanceof ConfigMap && o.getMetadata().getName().equals("herd-run"));
        // Helm's own annotations mean nothing to kubectl
        chart.forEach(o -> o.getMetadata().getAnnotations().keySet().removeIf(k -> k.startsWith("helm.sh/")));
        assertThat(sorted(plain())).isEqualTo(sorted(chart));
    }

    private static List<HasMetadata> plain() {
        try (Stream<Path> files = Files.list(PLAIN)) {
            List<HasMetadata> objects = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                objects.addAll(KubernetesManifests.parse(Files.readString(file)));
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<HasMetadata> sorted(List<HasMetadata> objects) {
        return objects.stream().sorted(Comparator.comparing((HasMetadata o) -> o.getKind())
                .thenComparing(o -> o.getMetadata().getName())).toList();
    }
}
