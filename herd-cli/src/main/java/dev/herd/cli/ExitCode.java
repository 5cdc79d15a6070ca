package dev.herd.cli;

/**
 * herd's process exit codes, a contract with CI systems and scripts (DESIGN.md, "Command line").
 */
public enum ExitCode {
    /** The run finished and every threshold passed (or there were none). */
    PASSED(0),
    /** The run finished and at least one threshold failed. */
    THRESHOLD_FAILED(1),
    /** Bad usage: an unknown flag, a malformed value, a bad scenario file. */
    USAGE(2),
    /** The run could not be carried out: target unreachable at start, generator failure. */
    NOT_RUN(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
