package dev.herd.cli.scenariofile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses YAML text into {@link YamlNode}s that remember their lines, using Jackson's streaming YAML parser
 * (a plain tree would lose the locations). Duplicate keys are an error, as a misspelt key would be.
 */
final class YamlTreeParser {

    private final String fileName;

    YamlTreeParser(String fileName) {
        this.fileName = fileName;
    }

    YamlNode parse(String text) {
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ScenarioFileException(fileName, 1, "the file is empty (expected a mapping of settings)");
            }
            return node(parser, first);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            String message = e.getOriginalMessage().split("\n")[0];
            throw new ScenarioFileException(fileName, line, "not valid YAML: " + message);
        } catch (IOException e) {
            throw new ScenarioFileException(fileName, 1, "cannot be read: " + e.getMessage());
        }
    }

    private YamlNode node(JsonParser p, JsonToken token) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    if (entries.containsKey(key)) {
                        throw new ScenarioFileException(fileName, keyLine, "'" + key + "' appears twice");
                    }
                    YamlNode value = node(p, p.nextToken());
                    entries.put(key, new YamlNode.Entry(keyLine, value));
                }
                return new YamlNode.Mapping(line, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    items.add(node(p, t));
                }
                return new YamlNode.Sequence(line, items);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(line, null);
            }
            default -> {
                return new YamlNode.Scalar(line, p.getText());
            }
        }
    }
}
