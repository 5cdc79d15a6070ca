package dev.herd.report.html.scenario;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The specific views, by summary.json key. A key not here is drawn by {@link GenericView}. */
public final class ScenarioViews {

    private static final Map<String, ScenarioView> VIEWS = List.of(
                    new ConnectStormView(), new ReconnectStormView(), new FanoutView(), new SlowSubscribersView(),
                    new CapacityView())
            .stream().collect(Collectors.toUnmodifiableMap(ScenarioView::key, Function.identity()));

    private ScenarioViews() {
    }

    /** The view for a key, or null. */
    public static ScenarioView forKey(String key) {
        return VIEWS.get(key);
    }
}
