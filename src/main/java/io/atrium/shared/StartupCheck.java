package io.atrium.shared;

/**
 * A start-up check too slow to keep the server from answering (such as loading FFmpeg's native libraries): it runs
 * in the background once the server is up, and health answers {@code STARTING} until every check has run
 * ({@link StartupChecks}).
 */
@FunctionalInterface
public interface StartupCheck {

    /** Runs the check and reports what it finds itself; a failure it finds must not stop the server. */
    void run() throws InterruptedException;
}
