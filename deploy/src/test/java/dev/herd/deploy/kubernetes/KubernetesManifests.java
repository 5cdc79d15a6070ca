package dev.herd.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kubernetes manifests (one YAML stream, several documents) read into the Kubernetes API's own types, strictly: a
 * field the API does not have, or a value of the wrong type ({@code completions: "4"}), is an error naming it.
 *
 * <pre>{@code
 * List<HasMetadata> objects = KubernetesManifests.parse(Files.readString(path));
 * Job job = KubernetesManifests.only(objects, Job.class, "herd");
 * }</pre>
 *
 * <p>helm lint does not check manifests against the API. fabric8's kubernetes-model is generated from the API's
 * OpenAPI schema, field for field; its classes keep unknown fields in an "additional properties" map (so that a
 * client tolerates newer servers), which this reader turns off, so that an unknown field fails.
 */
final class KubernetesManifests {

    /** The kinds herd's manifests hold, each with its API type. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Job", Job.class,
            "ConfigMap", ConfigMap.class,
            "PersistentVolumeClaim", PersistentVolumeClaim.class);

    private static final YAMLMapper YAML = new YAMLMapper();

    private static final JsonMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                    return null; // no catch-all map: an unknown field is an unknown property
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private KubernetesManifests() {
    }

    /** Every document of {@code yaml} (empty ones skipped) as its API type. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                    continue;
                }
                objects.add(typed(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    private static HasMetadata typed(JsonNode document) {
        String kind = document.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (type == null) {
            throw new AssertionError("a document of kind '" + kind + "' (herd's manifests hold " + KINDS.keySet()
                    + "):\n" + document);
        }
        String name = document.path("metadata").path("name").asText();
        String apiVersion = document.path("apiVersion").asText();
        if (!apiVersion.equals(HasMetadata.getApiVersion(type))) {
            throw new AssertionError(kind + " " + name + ": apiVersion " + apiVersion + ", the API serves "
                    + HasMetadata.getApiVersion(type));
        }
        try {
            return STRICT.readValue(document.toString(), type);
        } catch (JacksonException e) {
            throw new AssertionError(kind + " " + name + " does not match the Kubernetes API: "
                    + e.getOriginalMessage() + " at " + e.getPathReference(), e);
        }
    }

    /** The one object of that type and name among {@code objects}. */
    static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> name.equals(o.getMetadata().getName())).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " " + type.getSimpleName() + " named " + name + " among "
                    + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList());
        }
        return found.get(0);
    }
}
