package dev.herd.engine.protocol.script;

import dev.herd.engine.protocol.FrameTemplate;
import dev.herd.engine.protocol.Placeholders;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What makes a {@link Script} one that can run, checked once when it is built: each a {@link ScriptException} naming
 * the field. A value is used only where it exists: {@code {{payload}}} in the publish frame, a capture after the step
 * that takes it, in the publish frame only when {@code connect} or {@code publish.steps} take it (publisher
 * connections run no other step).
 */
final class ScriptChecks {

    /** The shortest {@code every} interval: a timer per connection firing faster is a load on herd, not the target. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(1);

    private ScriptChecks() {
    }

    static void check(String name, List<ScriptStep> connect, List<ScriptStep> subscribe, List<ScriptStep> publishSteps,
                      ScriptFrame publish, List<OnRule> on, List<EveryRule> every) {
        if (name.isBlank()) {
            throw new ScriptException("name", "is empty");
        }
        Set<String> captures = new HashSet<>();
        collectCaptures("connect", connect, captures);
        collectCaptures("subscribe", subscribe, captures);
        collectCaptures("publish.steps", publishSteps, captures);
        Set<String> byConnect = new HashSet<>();
        checkSteps("connect", connect, captures, byConnect);
        checkSteps("subscribe", subscribe, captures, new HashSet<>(byConnect));
        Set<String> byPublisher = new HashSet<>(byConnect);
        checkSteps("publish.steps", publishSteps, captures, byPublisher);
        if (publish != null) {
            checkPublish(publish.template(), captures, byPublisher);
        } else if (!publishSteps.isEmpty()) {
            throw new ScriptException("publish.steps", "prepare a publish frame the script does not have (add "
                    + "publish.send)");
        }
        for (int i = 0; i < on.size(); i++) {
            if (on.get(i).reply() != null) {
                notPublishOnly("on[" + i + "].send", on.get(i).reply().template());
            }
        }
        for (int i = 0; i < every.size(); i++) {
            if (every.get(i).interval().compareTo(MIN_INTERVAL) < 0) {
                throw new ScriptException("every[" + i + "].interval", "must be at least 1ms");
            }
            notPublishOnly("every[" + i + "].send", every.get(i).frame().template());
        }
    }

    private static void collectCaptures(String list, List<ScriptStep> steps, Set<String> into) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof ScriptStep.Expect expect) {
                for (ScriptStep.Capture c : expect.captures()) {
                    String field = list + "[" + i + "].capture." + c.name();
                    if (!FrameTemplate.isName(c.name())) {
                        throw new ScriptException(field, "a capture's name is letters, digits and _");
                    }
                    if (Placeholders.CONNECTION.contains(c.name()) || Placeholders.PUBLISH.contains(c.name())) {
                        throw new ScriptException(field, "{{" + c.name() + "}} is herd's own placeholder: name the "
                                + "capture otherwise");
                    }
                    into.add(c.name());
                }
            }
        }
    }

    private static void checkSteps(String list, List<ScriptStep> steps, Set<String> captures, Set<String> captured) {
        for (int i = 0; i < steps.size(); i++) {
            ScriptStep step = steps.get(i);
            if (step instanceof ScriptStep.Send send) {
                String field = list + "[" + i + "].send";
                notPublishOnly(field, send.frame().template());
                for (String used : send.frame().template().names()) {
                    if (captures.contains(used) && !captured.contains(used)) {
                        throw new ScriptException(field, "uses {{" + used + "}} before a step captures it");
                    }
                }
            } else if (step instanceof ScriptStep.Expect expect) {
                if (expect.timeout().isNegative() || expect.timeout().isZero()) {
                    throw new ScriptException(list + "[" + i + "].timeout", "must be longer than 0");
                }
                expect.captures().forEach(c -> captured.add(c.name()));
            }
        }
    }

    private static void checkPublish(FrameTemplate publish, Set<String> captures, Set<String> capturedByPublisher) {
        if (!publish.uses(Placeholders.PAYLOAD) && !publish.uses(Placeholders.STAMP)) {
            throw new ScriptException("publish", "has neither {{payload}} nor {{stamp}}: subscribers could not "
                    + "measure what it carries");
        }
        for (String used : publish.names()) {
            if (captures.contains(used) && !capturedByPublisher.contains(used)) {
                throw new ScriptException("publish", "uses {{" + used + "}}, which only subscribe: captures (a "
                        + "publisher connection runs connect: and publish.steps: alone)");
            }
        }
    }

    private static void notPublishOnly(String field, FrameTemplate template) {
        for (String used : template.names()) {
            if (Placeholders.PUBLISH.contains(used)) {
                throw new ScriptException(field, "uses {{" + used + "}}, which only the publish frame has");
            }
        }
    }
}
