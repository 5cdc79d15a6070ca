package dev.herd.broker.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a buffer leak while it ran (or before, unreported until now): after
 * all its tests it forces pending reports out with {@link NettyLeaks#collect()}.
 *
 * <p>In herd-broker it applies to every class (registered as a service, with JUnit's extension autodetection
 * switched on in the surefire configuration); elsewhere use {@code @ExtendWith(LeakDetectorExtension.class)}
 * or the same autodetection.
 */
public final class LeakDetectorExtension implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        NettyLeaks.install(); // in case no session listener ran; buffers loaded already are not counted
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = NettyLeaks.collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty leak report(s) during or before "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }
}
