package io.atrium.shared;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code atrium.*} that several features read.
 *
 * @param dataDir where the embedded database and stored files live ({@code ATRIUM_DATA_DIR}, default {@code ./data})
 * @param publicUrl the base URL used in links Atrium sends ({@code ATRIUM_PUBLIC_URL}); when unset it is
 *     {@code http://localhost:<port>}
 */
@ConfigurationProperties("atrium")
public record AtriumProperties(Path dataDir, URI publicUrl) {

    public AtriumProperties {
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
    }
}
