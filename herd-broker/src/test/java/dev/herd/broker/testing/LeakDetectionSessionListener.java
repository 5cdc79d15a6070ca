package dev.herd.broker.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link NettyLeaks} when the JUnit launcher session opens, before test classes are discovered and
 * so before any Netty buffer class loads. Registered as a service in this module's test jar, so every module
 * that has the jar on its test class path counts leaks too.
 */
public final class LeakDetectionSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NettyLeaks.install();
    }
}
