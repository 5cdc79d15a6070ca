/**
 * Test helpers shipped in herd-broker's test jar for herd's other modules: a target per test
 * ({@link dev.herd.broker.testing.TargetFixture}), WebSocket, SSE and raw HTTP test clients, and the Netty
 * leak check ({@link dev.herd.broker.testing.NettyLeaks}, {@link dev.herd.broker.testing.LeakDetectorExtension},
 * installed by {@link dev.herd.broker.testing.LeakDetectionSessionListener}).
 */
package dev.herd.broker.testing;
