package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.script.ScriptProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every script under examples/protocols/, and every script in docs/protocols.md's YAML blocks (those with a {@code
 * subscribe:} key), reads into a script protocol: the docs tell users to run them. The docs show each example file as
 * it is, but for its header of comments.
 */
class ProtocolExamplesTest {

    private static final Path DOCS = Path.of("..", "docs", "protocols.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "examples", "protocols"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static List<String> docScripts() throws IOException {
        List<String> scripts = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(Files.readString(DOCS));
        while (m.find()) {
            if (m.group(1).lines().anyMatch(line -> line.startsWith("subscribe:"))) {
                scripts.add(m.group(1));
            }
        }
        return scripts;
    }

    @ParameterizedTest(name = "{0} reads")
    @MethodSource("files")
    void everyExampleScriptReads(Path file) {
        ScriptProtocol protocol = ScriptFileReader.read(file, Map.of());
        assertThat(protocol.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
        assertThat(protocol.subscribes()).isTrue();
    }

    @ParameterizedTest(name = "{0} is shown as it is in docs/protocols.md")
    @MethodSource("files")
    void everyExampleScriptIsInTheDocsAsItIs(Path file) throws IOException {
        String withoutHeader = Files.readString(file).replaceFirst("^(#[^\\n]*\\n)+", "");
        assertThat(docScripts()).contains(withoutHeader);
    }

    @ParameterizedTest(name = "script {index} of docs/protocols.md reads")
    @MethodSource("docScripts")
    void everyScriptOfTheDocsReads(String text) {
        assertThat(ScriptFileReader.parse("docs/protocols.md", text, Map.of()).subscribes()).isTrue();
    }
}
