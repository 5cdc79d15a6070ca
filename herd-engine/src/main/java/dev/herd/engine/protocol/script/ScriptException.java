package dev.herd.engine.protocol.script;

/**
 * A script that cannot run, naming the field at fault as a path of the script's keys ({@code subscribe[1].send}), so
 * that a reader of a file can name its line too.
 */
public final class ScriptException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public ScriptException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** Where: {@code subscribe[1].send}, {@code publish}, {@code every[0].interval}, {@code connect[2].capture.sid}. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field. */
    public String problem() {
        return problem;
    }
}
