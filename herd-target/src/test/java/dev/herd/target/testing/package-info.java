/**
 * Test helpers shipped in herd-target's test jar for herd's other modules: a target per test
 * ({@link dev.herd.target.testing.TargetFixture}), WebSocket, SSE and raw HTTP test clients, and the Netty
 * leak check ({@link dev.herd.target.testing.NettyLeaks}, {@link dev.herd.target.testing.LeakDetectorExtension},
 * installed by {@link dev.herd.target.testing.LeakDetectionSessionListener}).
 */
package dev.herd.target.testing;
