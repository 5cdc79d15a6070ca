package dev.herd.cli.scenariofile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The known keys of one section, in the order error messages list them. */
final class Handlers {

    private final Map<String, Consumer<FieldValue>> byKey = new LinkedHashMap<>();

    Handlers on(String key, Consumer<FieldValue> handler) {
        byKey.put(key, handler);
        return this;
    }

    Map<String, Consumer<FieldValue>> toMap() {
        return byKey;
    }
}
