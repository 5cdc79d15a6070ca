package dev.herd.engine.sse;

/** Which of {@link SseEventParser}'s limits a line or event went beyond. */
enum SseLimit {
    /** The most bytes one event's data (or one line) may have: {@code --max-message-bytes}. */
    EVENT_SIZE,
    /** What the run's connections together may hold in partly received messages ({@code ReceiveBudget}). */
    RECEIVE_BUDGET
}
