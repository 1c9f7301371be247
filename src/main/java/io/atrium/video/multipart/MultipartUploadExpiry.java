package io.atrium.video.multipart;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Looks for multipart uploads past their expiry every {@code atrium.assets.multipart.cleanup-interval} and ends them
 * ({@link MultipartUploads#expireDue}). A recurring job of db-scheduler: however many nodes there are, one of them
 * runs it at a time, on the application's clock.
 */
@Configuration(proxyBeanMethods = false)
class MultipartUploadExpiry {

    private static final Logger log = LoggerFactory.getLogger(MultipartUploadExpiry.class);

    /**
     * The uploads are looked up when the job runs: they need the asset service, which needs the scheduler, which is
     * built from the jobs.
     */
    @Bean
    RecurringTask<Void> multipartUploadExpiryJob(ObjectProvider<MultipartUploads> uploads, MultipartProperties properties) {
        return Tasks.recurring("multipart-upload-expiry", FixedDelay.of(properties.cleanupInterval()))
                .execute((instance, context) -> {
                    int expired = uploads.getObject().expireDue();
                    if (expired > 0) {
                        log.info("Expired {} multipart uploads, deleting their chunks and failing their assets", expired);
                    }
                });
    }
}
