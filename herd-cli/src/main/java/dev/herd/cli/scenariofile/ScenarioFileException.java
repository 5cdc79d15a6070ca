package dev.herd.cli.scenariofile;

/**
 * A scenario file problem, always with the file and line: {@code broadcast.yaml:7: clients.subscribers: ...}.
 */
public final class ScenarioFileException extends RuntimeException {

    private final String file;
    private final int line;

    public ScenarioFileException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
