package io.arca.scheduler.notify;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * For tests that assert on deliveries the engine would otherwise send at once (e.g. that ingestion left them pending):
 * {@code @TestProfile(DispatcherOffProfile.class)} runs the application without the delivery engine (Quarkus starts
 * it once more for the classes that use this profile).
 */
public class DispatcherOffProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("arca.notifications.dispatcher-enabled", "false");
    }
}
