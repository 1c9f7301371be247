package io.atrium.video.queue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import io.atrium.storage.ObjectStorage;
import io.atrium.video.AssetReady;
import io.atrium.video.AssetService;
import io.atrium.video.AssetStatus;
import io.atrium.video.AssetType;
import io.atrium.video.HlsRenditions;
import io.atrium.video.media.MediaDescriptions;
import io.atrium.video.media.MediaProbe;
import io.atrium.video.media.Thumbnails;
import io.atrium.video.store.AssetRepository;
import io.atrium.video.store.AssetRow;
import io.atrium.video.upload.VideoDownloader;
import io.atrium.video.upload.VideoLimits;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an asset's file: downloads it first for a {@code url} asset, has FFmpeg describe it, makes its thumbnail
 * when asked, and marks it ready (or failed, saying why). A job of db-scheduler like the video tasks, so a node
 * that dies mid-way leaves it to another; an attempt that breaks is tried again a minute later, up to
 * {@link TaskWorker#MAX_ATTEMPTS} attempts.
 */
@Configuration(proxyBeanMethods = false)
class AssetWorker {

    private static final Logger log = LoggerFactory.getLogger(AssetWorker.class);
    private static final Duration RETRY_AFTER = TaskWorker.RETRY_AFTER;

    private final AssetRepository assets;
    private final ObjectStorage storage;
    private final MediaProbe probe;
    private final Thumbnails thumbnails;
    private final VideoDownloader downloader;
    private final VideoLimits limits;
    private final ApplicationEventPublisher events;
    /** Looked up when first used, as in {@link TaskWorker}: the scheduler is built from this job bean. */
    private final ObjectProvider<HlsRenditions> renditions;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    AssetWorker(AssetRepository assets, ObjectStorage storage, MediaProbe probe, Thumbnails thumbnails,
            VideoDownloader downloader,
            VideoLimits limits, ApplicationEventPublisher events, ObjectProvider<HlsRenditions> renditions,
            TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.events = events;
        this.renditions = renditions;
        this.transactions = transactions;
        this.assets = assets;
        this.storage = storage;
        this.probe = probe;
        this.thumbnails = thumbnails;
        this.downloader = downloader;
        this.limits = limits;
        this.json = json;
        this.clock = clock;
    }

    @Bean
    Task<Void> assetProcessingJob() {
        return Tasks.custom(AssetService.JOB)
                .onDeadExecutionRevive()
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER))
                .execute((instance, context) -> {
                    work(instance.getId());
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }

    private void work(String assetId) {
        Optional<AssetRow> found = assets.findForWorker(assetId).filter(row -> row.status() == AssetStatus.PROCESSING);
        if (found.isEmpty()) {
            return; // deleted meanwhile, or finished by an attempt a crash cut short after the fact
        }
        int attempt = assets.countAttempt(assetId);
        if (attempt > TaskWorker.MAX_ATTEMPTS) {
            fail(found.get(), "The file could not be processed. Try uploading it again.");
            return;
        }
        try {
            process(found.get());
        } catch (Exception e) {
            log.warn("Asset {} could not be processed (attempt {}): {}", assetId, attempt, e.toString());
            if (attempt >= TaskWorker.MAX_ATTEMPTS) {
                fail(found.get(), "The file could not be processed. Try uploading it again.");
                return;
            }
            throw new IllegalStateException("Asset " + assetId + " is tried again after " + RETRY_AFTER, e);
        }
    }

    private void process(AssetRow claimed) throws IOException, InterruptedException {
        AssetRow asset = claimed;
        if (asset.objectKey() == null && asset.sourceUrl() != null) {
            String key = asset.accountId() + "/" + asset.id() + "." + AssetService.extension(asset.filename());
            long size;
            try {
                size = downloader.download(asset.sourceUrl(), body -> storage.store(key, body));
            } catch (VideoDownloader.DownloadFailure failure) {
                fail(asset, failure.getMessage());
                return;
            }
            assets.recordDownload(asset.id(), key, size, clock.instant());
            asset = assets.findForWorker(asset.id()).orElseThrow();
        }
        if (asset.objectKey() == null || storage.size(asset.objectKey()).isEmpty()) {
            fail(asset, "The uploaded file is missing.");
            return;
        }
        long size = storage.size(asset.objectKey()).getAsLong();
        if (size > limits.maxFileSize().toBytes()) {
            fail(asset, "The file is larger than " + limits.maxFileSize() + ".");
            return;
        }
        String filename = asset.filename();
        Optional<MediaDescriptions.Described> described = storage.withLocalCopy(asset.objectKey(), probe::describe)
                .flatMap(probed -> MediaDescriptions.of(probed, size, filename));
        if (described.isEmpty()) {
            fail(asset, "The file is not a video, audio or image file that can be read.");
            return;
        }
        MediaDescriptions.Described file = described.get();
        if (asset.type() != null && asset.type() != file.type()) {
            fail(asset, "The file is " + article(file.type()) + ", not the " + asset.type().value() + " its upload declared.");
            return;
        }
        if (asset.enableThumbnail() && !"ready".equals(asset.thumbnailStatus())) {
            makeThumbnail(asset, file);
        }
        AssetRow read = asset;
        transactions.executeWithoutResult(status -> {
            assets.recordDescription(read.id(), file.type(), file.mimeType(), file.duration(),
                    json.writeValueAsString(file.metadata()), clock.instant());
            // the rendition is asked for with the asset's readiness, so neither exists without the other
            if (read.enableHls() && file.type() == AssetType.VIDEO) {
                renditions.getObject().request(read.accountId(), read.id(), read.objectKey());
            }
        });
        events.publishEvent(new AssetReady(asset.accountId(), asset.id()));
    }

    /** A frame from the first second of a video (or the middle of a shorter one); an image scaled down. */
    private void makeThumbnail(AssetRow asset, MediaDescriptions.Described file) throws IOException, InterruptedException {
        if (file.type() == AssetType.AUDIO) {
            assets.recordThumbnail(asset.id(), "error", clock.instant());
            return;
        }
        assets.recordThumbnail(asset.id(), "processing", clock.instant());
        double at = file.type() == AssetType.IMAGE ? 0 : Math.min(1.0, file.duration() == null ? 0 : file.duration() / 2);
        boolean made = thumbnails.make(asset.objectKey(), asset.accountId(), asset.id(), at);
        assets.recordThumbnail(asset.id(), made ? "ready" : "error", clock.instant());
    }

    private static String article(AssetType type) {
        return switch (type) {
            case VIDEO -> "a video";
            case AUDIO -> "an audio file";
            case IMAGE -> "an image";
        };
    }

    /** The files go first: once a client sees the asset failed, nothing of it is left in storage. */
    private void fail(AssetRow asset, String message) {
        storage.deleteVideo(asset.accountId(), asset.id());
        assets.fail(asset.id(), message, clock.instant());
    }
}
