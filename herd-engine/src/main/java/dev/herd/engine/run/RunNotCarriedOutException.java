package dev.herd.engine.run;

/**
 * The run could not be carried out as asked, for a reason of the run's own rather than the target's (a slice that
 * reached its start instant too late): one line for people, no stack trace. The command line exits 3 on it.
 */
public final class RunNotCarriedOutException extends RuntimeException {

    public RunNotCarriedOutException(String message) {
        super(message, null, false, false);
    }
}
