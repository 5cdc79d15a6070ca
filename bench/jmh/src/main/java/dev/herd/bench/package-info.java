/**
 * JMH benchmarks of herd's receive path: stamp scanning, SSE parsing, and the STOMP and MQTT protocol stages. Run them
 * with {@code bench/jmh.sh}, which adds the GC profiler so each result carries {@code gc.alloc.rate.norm}, the bytes
 * allocated per operation.
 */
package dev.herd.bench;
