package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.protocol.script.OnRule;
import dev.herd.engine.protocol.script.Script;
import dev.herd.engine.protocol.script.ScriptProtocol;
import dev.herd.engine.protocol.script.ScriptStep;
import dev.herd.engine.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script protocol read from YAML: every key into the engine's script, options, and a script inline. */
class ScriptFileReaderTest {

    /** DESIGN.md's example, as a user would write it. */
    private static final String DESIGN_EXAMPLE = """
            name: script
            subprotocols: [chat.v1]
            subscribe:
              - send: '{"type":"subscribe","channel":"{{topic}}","ref":"{{ref}}"}'
              - expect: '"type":"subscribed"'
                timeout: 5s
                capture: { sid: '"sid":"([^"]+)"' }
            publish: '{"type":"publish","channel":"{{topic}}","data":"{{payload}}"}'
            on:
              - match: '"type":"ping"'
                send: '{"type":"pong"}'
            every:
              - interval: 25s
                send: '{"type":"heartbeat"}'
            """;

    @TempDir
    Path dir;

    @Test
    void everyKeyOfTheDesignExampleIsRead() {
        ScriptProtocol protocol = ScriptFileReader.parse("chat.yaml", DESIGN_EXAMPLE, Map.of());
        Script s = protocol.script();

        assertThat(s.name()).isEqualTo("script");
        assertThat(protocol.subprotocols()).containsExactly("chat.v1");
        assertThat(s.connect()).isEmpty();
        assertThat(s.subscribe()).hasSize(2);
        assertThat(((ScriptStep.Send) s.subscribe().get(0)).frame().template().text())
                .isEqualTo("{\"type\":\"subscribe\",\"channel\":\"{{topic}}\",\"ref\":\"{{ref}}\"}");
        ScriptStep.Expect expect = (ScriptStep.Expect) s.subscribe().get(1);
        assertThat(expect.match().source()).isEqualTo("\"type\":\"subscribed\"");
        assertThat(expect.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(expect.reject()).isNull();
        assertThat(expect.captures()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("sid"));
        assertThat(s.publish().template().text()).contains("{{payload}}");
        assertThat(s.publish().binary()).isFalse();
        OnRule rule = s.on().get(0);
        assertThat(rule.match().source()).isEqualTo("\"type\":\"ping\"");
        assertThat(rule.reply().template().text()).isEqualTo("{\"type\":\"pong\"}");
        assertThat(s.every().get(0).interval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(protocol.placeholders()).containsExactlyInAnyOrder("topic", "ref", "payload");
        assertThat(protocol.publishes()).isTrue();
    }

    @Test
    void aScriptIsNamedAfterItsFileUnlessItSaysOtherwise() {
        assertThat(ScriptFileReader.parse("dir/lines.yaml", "subscribe: []", Map.of()).name()).isEqualTo("lines");
        assertThat(ScriptFileReader.parse("dir/lines.yml", "name: mine\nsubscribe: []", Map.of()).name())
                .isEqualTo("mine");
    }

    @Test
    void optionsFillFramesAndPatternsAndTheCommandLineOverridesThem() {
        String text = """
                options:
                  room: 'lobby-{{topic}}'
                  ok: joined
                  token: s3cret
                subscribe:
                  - send: 'JOIN {{room}} {{token}}'
                  - expect: 're:^{{ok}}$'
                """;
        ScriptProtocol defaults = ScriptFileReader.parse("o.yaml", text, Map.of());
        ScriptProtocol given = ScriptFileReader.parse("o.yaml", text, Map.of("room", "hall", "ok", "in"));

        assertThat(sendText(defaults)).isEqualTo("JOIN lobby-{{topic}} s3cret");
        assertThat(expectText(defaults)).isEqualTo("re:^joined$");
        assertThat(defaults.placeholders()).containsExactly("topic");
        assertThat(sendText(given)).isEqualTo("JOIN hall s3cret");
        assertThat(expectText(given)).isEqualTo("re:^in$");
        assertThat(defaults.secretValues()).containsExactly("s3cret");
        assertThatThrownBy(() -> ScriptFileReader.parse("o.yaml", text, Map.of("rom", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protocol option 'rom' is not an option of script o.yaml (its options: room, ok, token)");
        assertThatThrownBy(() -> ScriptFileReader.parse("n.yaml", "subscribe: []", Map.of("room", "x")))
                .hasMessageEndingWith("(it declares none: add options: {room: DEFAULT} to it)");
    }

    @Test
    void aPublishWithStepsAndBinaryFrames() {
        ScriptProtocol p = ScriptFileReader.parse("b.yaml", """
                subscribe:
                  - send: 'SUB {{topic}}'
                    binary: true
                publish:
                  steps:
                    - send: 'PUB {{topic}}'
                    - expect: OK
                  send: '{{payload}}'
                  binary: yes
                """, Map.of());

        assertThat(((ScriptStep.Send) p.script().subscribe().get(0)).frame().binary()).isTrue();
        assertThat(p.script().publishSteps()).hasSize(2);
        assertThat(p.script().publish().binary()).isTrue();
    }

    @Test
    void aScenarioFileWritesAScriptInlineAndOneUrlServesEveryTopic() {
        ScenarioFile s = new ScenarioFileReader(Map.of(), Map.of()).parse("inline.yaml", """
                target:
                  url: ws://127.0.0.1:8081/
                  protocol:
                    subscribe:
                      - send: 'SUB {{topic}}'
                      - expect: 'OK'
                    publish: '{{payload}}'
                    on:
                      - match: 'PING'
                        send: 'PONG'
                clients:
                  topics: 2
                """);
        Scenario scenario = (s).build();

        assertThat(scenario.client().protocol().name()).isEqualTo("script");
        assertThat(scenario.client().protocol().placeholders()).containsExactlyInAnyOrder("topic", "payload");
        assertThat(scenario.topics()).isEqualTo(2);
    }

    @Test
    void aMistakeInAnInlineScriptNamesTheScenarioFilesLine() {
        assertThatThrownBy(() -> new ScenarioFileReader(Map.of(), Map.of()).parse("inline.yaml", """
                target:
                  url: ws://127.0.0.1:8081/
                  protocol:
                    subscribe:
                      - send: 'SUB {{topic}}'
                      - expect: 'OK'
                        timeout: never
                """)).isInstanceOf(ScenarioFileException.class)
                .hasMessage("inline.yaml:7: target.protocol.subscribe[1].timeout: 'never' is not a duration (expected "
                        + "e.g. 500ms, 2s, 1.5m, 1h)");
        assertThatThrownBy(() -> new ScenarioFileReader(Map.of(), Map.of()).parse("inline.yaml", """
                target:
                  url: ws://127.0.0.1:8081/
                  protocol:
                    subscribe:
                      - send: '{{sid}}'
                      - expect: 'OK'
                        capture: {sid: 'sid=(\\w+)'}
                """)).hasMessage("inline.yaml:5: target.protocol.subscribe[0].send: uses {{sid}} before a step "
                        + "captures it");
    }

    @Test
    void aScenarioFileNamesAScriptFileWithOptionsAndItsMistakesNameBothLines() throws IOException {
        Files.writeString(dir.resolve("lines.yaml"), """
                options: {room: lobby}
                subscribe:
                  - send: 'SUB {{room}}'
                  - expect: 'OK'
                publish: '{{payload}}'
                """);
        Files.writeString(dir.resolve("bad.yaml"), """
                subscribe:
                  - send: 'SUB {{topic}}'
                  - expect: 're:('
                """);
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, """
                target:
                  url: ws://127.0.0.1:8081/
                  protocol: {name: lines.yaml, options: {room: hall}}
                """);
        ScenarioFile s = new ScenarioFileReader(Map.of(), Map.of()).read(scenario);
        ScriptProtocol p = (ScriptProtocol) (s).build().client().protocol();
        assertThat(((ScriptStep.Send) p.script().subscribe().get(0)).frame().template().text()).isEqualTo("SUB hall");

        Files.writeString(scenario, """
                target:
                  url: ws://127.0.0.1:8081/
                  protocol: {name: lines.yaml, options: {rom: hall}}
                """);
        assertThatThrownBy(() -> new ScenarioFileReader(Map.of(), Map.of()).read(scenario))
                .hasMessageStartingWith(scenario + ":3: target.protocol.options: protocol option 'rom' is not an "
                        + "option of script");
        Files.writeString(scenario, """
                target:
                  url: ws://127.0.0.1:8081/
                  protocol: bad.yaml
                """);
        assertThatThrownBy(() -> new ScenarioFileReader(Map.of(), Map.of()).read(scenario))
                .hasMessageStartingWith(scenario + ":3: target.protocol: " + dir.resolve("bad.yaml")
                        + ":3: subscribe[1].expect: '(' is not a valid regex");
    }

    private static String sendText(ScriptProtocol p) {
        return ((ScriptStep.Send) p.script().subscribe().get(0)).frame().template().text();
    }

    private static String expectText(ScriptProtocol p) {
        return ((ScriptStep.Expect) p.script().subscribe().get(1)).match().source();
    }
}
