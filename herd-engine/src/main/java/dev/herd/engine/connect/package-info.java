/**
 * Opening connections and getting them back: connect-phase timing and the reconnect policy.
 */
package dev.herd.engine.connect;
