package io.atrium.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.atrium.shared.PublicUrl;

/** Tells whoever started the server where to open it. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final PublicUrl publicUrl;

    StartupReport(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info("Atrium is ready at {}", publicUrl.base());
    }
}
