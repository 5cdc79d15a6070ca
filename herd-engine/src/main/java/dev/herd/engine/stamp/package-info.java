/**
 * The wire stamp that lets a subscriber tell a message's run, topic, sequence number and send times.
 *
 * <p>The stamp is ASCII, {@code ~h1.<run>.<topic>.<seq>.<intendedNanos>.<sentNanos>~}, each field lowercase hex
 * without leading zeros (DESIGN.md, "The stamp"). {@link dev.herd.engine.stamp.StampWriter} puts it into a payload,
 * {@link dev.herd.engine.stamp.StampScanner} finds every stamp in a received frame without decoding it to text, and
 * {@link dev.herd.engine.stamp.SequenceTracker} accounts for each subscriber's sequence numbers.
 */
package dev.herd.engine.stamp;
