package io.atrium.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * An {@link IntegrationTest} whose server runs on a new master key with the old one still listed, as during a key
 * rotation (docs/deployment.md): secrets sealed under {@link #OLD} still open, and the re-seal commands move them to
 * {@link #NEW}. Every rotation test shares this one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = {"atrium.secret-key=" + RotatedMasterKey.NEW,
        "atrium.previous-secret-keys=" + RotatedMasterKey.OLD})
public @interface RotatedMasterKey {

    String OLD = "b2xkLW1hc3Rlci1rZXktb2YtdGhpcnR5LXR3by1ieSE=";
    String NEW = "bmV3LW1hc3Rlci1rZXktb2YtdGhpcnR5LXR3by1ieSE=";
}
