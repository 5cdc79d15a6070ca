package dev.herd.engine.scenario;

/**
 * A scenario's own stage that publishes (through {@link StageContext#startPublishing}), so the run sets up
 * publisher connections for it as it does for {@link Stage.Publish}.
 */
public interface PublishingStage extends Stage {
}
