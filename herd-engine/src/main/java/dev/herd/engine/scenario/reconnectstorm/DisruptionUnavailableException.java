package dev.herd.engine.scenario.reconnectstorm;

/**
 * The asked disruption cannot be carried out against this target (e.g. a target restart against a server that is not
 * herd's reference target). Thrown before any client connects; the message is one line and says what to use instead.
 */
public final class DisruptionUnavailableException extends RuntimeException {

    public DisruptionUnavailableException(String message) {
        super(message);
    }
}
