package io.atrium.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.atrium.shared.AtriumProperties;

/** Local files under the data directory by default; an S3-compatible bucket when one is configured. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    /** An S3 client is closed with the application context (the bean's inferred {@code close} method). */
    @Bean
    ObjectStorage objectStorage(AtriumProperties atrium, S3StorageProperties s3) {
        if (s3.configured()) {
            S3ObjectStorage storage = S3ObjectStorage.connect(s3);
            log.info("Stored files go to S3 bucket '{}'{} at {}", s3.bucket(),
                    s3.prefix().isEmpty() ? "" : " under " + s3.prefix(),
                    s3.endpoint() == null ? "AWS region " + s3.region() : s3.endpoint());
            return storage;
        }
        LocalFileStorage storage = new LocalFileStorage(atrium);
        log.info("Stored files go to {}", atrium.dataDir().resolve("objects").toAbsolutePath().normalize());
        return storage;
    }
}
