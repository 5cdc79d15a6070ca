/**
 * JUnit 5 support for herd: {@link dev.herd.junit.ReferenceTargetExtension} runs herd's reference target for a test
 * class on a free loopback port, and {@link dev.herd.junit.HerdAssertions} states what a run's result must show. Runs
 * are built with {@link dev.herd.api.Herd}.
 */
package dev.herd.junit;
