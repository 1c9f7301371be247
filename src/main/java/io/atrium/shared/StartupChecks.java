package io.atrium.shared;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link StartupCheck}s on a thread of their own once the context has started (after the web server, the
 * last phase), so the server opens without waiting for them, and holds health at {@code STARTING} (503, in
 * {@code /actuator/health} and its readiness group) until all of them have run. A check that finds a fault reports
 * it and the node still comes up: what the fault breaks (FFmpeg: validating uploads, whose tasks wait and retry)
 * is not the whole node.
 */
@Component
class StartupChecks implements HealthIndicator, SmartLifecycle {

    static final Status STARTING = new Status("STARTING", "Start-up checks are still running");

    private static final Logger log = LoggerFactory.getLogger(StartupChecks.class);

    private final List<StartupCheck> checks;
    private boolean started;
    private volatile boolean done;
    private volatile boolean running;

    StartupChecks(List<StartupCheck> checks) {
        this.checks = checks;
    }

    @Override
    public synchronized void start() {
        // once per context: a context stopped and started again (as the test framework pauses cached ones) keeps
        // what its checks found
        if (!started) {
            started = true;
            Thread thread = new Thread(this::runChecks, "startup-checks");
            thread.setDaemon(true);
            thread.start();
        }
        running = true;
    }

    private void runChecks() {
        for (StartupCheck check : checks) {
            try {
                check.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("A start-up check failed", e);
            }
        }
        done = true;
        log.info("Start-up checks have run: health is up");
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Health health() {
        return done ? Health.up().build() : Health.status(STARTING).build();
    }
}
