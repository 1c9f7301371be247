package io.atrium.video;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

import io.atrium.api.ApiPage;
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.shared.Actor;
import io.atrium.shared.ConflictException;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.storage.ObjectStorage;
import io.atrium.video.media.MediaUrls;
import io.atrium.video.store.AssetRepository;
import io.atrium.video.store.AssetRow;
import io.atrium.video.store.TaskRepository;
import io.atrium.video.store.UserMetadata;
import io.atrium.video.store.VideoRepository;
import io.atrium.video.upload.Filenames;
import io.atrium.video.upload.VideoDownloader;
import io.atrium.video.upload.VideoLimits;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assets (api.md, Assets): a file uploaded once, directly, from a URL or in chunks, read by FFmpeg in the
 * background ({@link #JOB}), then indexed into any of the account's indexes ({@link VideoTasks#indexAsset}).
 * Always found within the account: another account's asset is missing.
 */
@Service
public class AssetService {

    /** The job that reads an asset's file (its id the asset's), run by {@code video.queue.AssetWorker}. */
    public static final TaskDescriptor<Void> JOB = TaskDescriptor.of("asset-processing");

    /** A file stored for a direct upload whose asset is not created yet: {@link #create} it or {@link #discard} it. */
    public record StoredFile(String accountId, String assetId, String key, String filename, long size) {
    }

    /** Where a multipart upload's file will be put together, and the asset it becomes. */
    public record ReservedAsset(String assetId, String objectKey) {
    }

    /** What an entity needs to know of an asset. */
    public record AssetState(AssetType type, AssetStatus status) {
    }

    /** The options of a new asset, as the form or body gave them. */
    public record Options(String filename, boolean enableHls, boolean enableThumbnail, String userMetadataJson) {
    }

    /** Names stored under their own extension; anything else is stored as {@code .bin} and judged by its content. */
    private static final Set<String> EXTENSIONS = Stream.concat(VideoContainer.EXTENSIONS.stream(),
            Stream.of("mp3", "wav", "flac", "aac", "m4a", "oga", "opus", "jpg", "jpeg", "png", "webp", "bmp", "gif"))
            .collect(Collectors.toUnmodifiableSet());

    private final AssetRepository assets;
    private final VideoRepository videos;
    private final TaskRepository tasks;
    private final ObjectStorage storage;
    private final VideoDownloader downloader;
    private final VideoLimits limits;
    private final MediaUrls mediaUrls;
    private final HlsRenditions renditions;
    private final AuditLog audit;
    private final SchedulerClient jobs;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    AssetService(AssetRepository assets, VideoRepository videos, TaskRepository tasks, ObjectStorage storage,
            VideoDownloader downloader, VideoLimits limits, MediaUrls mediaUrls, HlsRenditions renditions,
            AuditLog audit, SchedulerClient jobs,
            ApplicationEventPublisher events, TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.assets = assets;
        this.videos = videos;
        this.tasks = tasks;
        this.storage = storage;
        this.downloader = downloader;
        this.limits = limits;
        this.mediaUrls = mediaUrls;
        this.renditions = renditions;
        this.audit = audit;
        this.jobs = jobs;
        this.events = events;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** The largest file an asset may be ({@code atrium.videos.max-file-size}). */
    public DataSize maxFileSize() {
        return limits.maxFileSize();
    }

    /**
     * Streams the file of a direct upload to storage, before the rest of the form is known.
     *
     * @throws java.io.UncheckedIOException when the content cannot be read or stored; nothing is then stored
     */
    public StoredFile store(String accountId, String originalFilename, InputStream content) {
        String filename = Filenames.clean(originalFilename);
        String assetId = Ids.newId(clock.instant());
        String key = accountId + "/" + assetId + "." + extension(filename);
        long size = storage.store(key, content);
        return new StoredFile(accountId, assetId, key, filename, size);
    }

    /** Deletes the stored file of a direct upload whose asset will not be created. */
    public void discard(StoredFile stored) {
        storage.delete(stored.key());
    }

    /**
     * Creates the asset of a stored direct upload and queues the reading of its file. If anything is refused, the
     * stored file is deleted and no asset exists.
     *
     * @throws InvalidInputException for bad user metadata or an empty file
     */
    public AssetView create(StoredFile stored, Options options) {
        try {
            if (stored.size() == 0) {
                throw new InvalidInputException("file", "parameter_invalid", "The file is empty.");
            }
            String filename = options.filename() == null ? stored.filename() : Filenames.clean(options.filename());
            AssetRow asset = newAsset(stored.accountId(), stored.assetId(), "direct", AssetStatus.PROCESSING, null,
                    filename, stored.key(), null, stored.size(), options);
            transactions.executeWithoutResult(status -> queue(asset));
            return get(stored.accountId(), stored.assetId());
        } catch (RuntimeException e) {
            discard(stored);
            throw e;
        }
    }

    /**
     * Creates an asset whose file is downloaded from {@code url} (through the address policy) in the background.
     *
     * @throws InvalidInputException for a URL that is not http(s), names an unknown host or a refused address,
     *     or for bad user metadata
     */
    public AssetView createFromUrl(String accountId, String url, Options options) {
        URI source = downloader.check(url);
        Instant now = clock.instant();
        String assetId = Ids.newId(now);
        String filename = options.filename() == null ? VideoDownloader.filename(source) : Filenames.clean(options.filename());
        AssetRow asset = newAsset(accountId, assetId, "url", AssetStatus.PROCESSING, null, filename, null,
                source.toString(), null, options);
        transactions.executeWithoutResult(status -> queue(asset));
        return get(accountId, assetId);
    }

    /**
     * Creates the asset of a multipart upload, waiting for its chunks; joins the caller's transaction.
     *
     * @throws InvalidInputException for bad user metadata or a size over the limit
     */
    public ReservedAsset reserve(String accountId, String filename, AssetType declared, long totalSize, Options options) {
        if (totalSize > limits.maxFileSize().toBytes()) {
            throw new InvalidInputException("total_size", "parameter_invalid",
                    "total_size is larger than the largest file this server takes, " + limits.maxFileSize() + ".");
        }
        String clean = Filenames.clean(filename);
        String assetId = Ids.newId(clock.instant());
        String key = accountId + "/" + assetId + "." + extension(clean);
        assets.insert(newAsset(accountId, assetId, "multipart", AssetStatus.UPLOADING, declared, clean, null, null,
                totalSize, options));
        return new ReservedAsset(assetId, key);
    }

    /**
     * Every chunk of a multipart upload has arrived and the file is whole under its key: the asset is read like
     * any other. Joins the caller's transaction; does nothing for an asset that is not waiting (deleted meanwhile).
     */
    public void uploaded(String accountId, String assetId, String objectKey, long size) {
        Instant now = clock.instant();
        if (assets.markUploaded(accountId, assetId, objectKey, size, now)) {
            jobs.schedule(JOB.instance(assetId).build(), now);
        }
    }

    /** A multipart upload ended without its file (it expired): its asset fails, saying why. */
    public void uploadAbandoned(String accountId, String assetId, String message) {
        assets.find(accountId, assetId).filter(asset -> asset.status() == AssetStatus.UPLOADING)
                .ifPresent(asset -> assets.fail(assetId, message, clock.instant()));
    }

    private AssetRow newAsset(String accountId, String assetId, String method, AssetStatus status, AssetType type,
            String filename, String objectKey, String sourceUrl, Long size, Options options) {
        Map<String, Object> metadata = UserMetadata.parse(json, options.userMetadataJson());
        Instant now = clock.instant();
        return new AssetRow(assetId, accountId, method, status, type, filename, null, objectKey, sourceUrl, size,
                null, null, options.enableHls(), options.enableThumbnail(),
                options.enableThumbnail() ? "pending" : null,
                metadata.isEmpty() ? null : json.writeValueAsString(metadata), null, now, now);
    }

    /** The asset and the job that reads it are written together: a created asset is never forgotten. */
    private void queue(AssetRow asset) {
        assets.insert(asset);
        jobs.schedule(JOB.instance(asset.id()).build(), asset.createdAt());
    }

    public ApiPage<AssetView> list(String accountId, AssetFilter filter, ApiPage.Request paging) {
        List<AssetView> page = assets.page(accountId, filter, paging.sortBy(), paging.descending(), paging.limit(),
                paging.offset()).stream().map(this::view).toList();
        return ApiPage.of(page, paging, () -> assets.count(accountId, filter));
    }

    /** @throws NotFoundException when the asset is not the account's */
    public AssetView get(String accountId, String assetId) {
        return assets.find(accountId, assetId).map(this::view).orElseThrow(() -> new NotFoundException("Asset"));
    }

    /** Type and status of those of the given assets that are the account's; others are left out. */
    public Map<String, AssetState> states(String accountId, Collection<String> assetIds) {
        Map<String, AssetState> states = new LinkedHashMap<>();
        assets.ofAccount(accountId, assetIds).forEach((id, row) -> states.put(id, new AssetState(row.type(), row.status())));
        return states;
    }

    /** Bytes of the account's assets. */
    public long storedBytes(String accountId) {
        return assets.totalSize(accountId);
    }

    /**
     * Deletes an asset and its file. An asset that is indexed (or being indexed) is refused with 409 unless
     * {@code force}, which deletes those indexed assets too.
     *
     * @throws ConflictException {@code asset_in_use} when indexed and not forced
     */
    @Transactional
    public void delete(Actor actor, String assetId, boolean force) {
        String accountId = actor.accountId();
        AssetRow asset = assets.lock(accountId, assetId).orElseThrow(() -> new NotFoundException("Asset"));
        List<String> indexed = videos.idsOfAsset(accountId, assetId);
        List<String> inProgress = tasks.unfinishedVideoIdsOfAsset(accountId, assetId);
        if (!force && (!indexed.isEmpty() || !inProgress.isEmpty())) {
            throw new ConflictException("asset_in_use", "The asset is indexed in " + (indexed.size() + inProgress.size())
                    + " place(s). Delete those indexed assets first, or delete with force=true to delete them too.");
        }
        List<String> released = new java.util.ArrayList<>(indexed);
        released.addAll(inProgress);
        videos.deleteOfAsset(accountId, assetId);
        tasks.deleteOfAsset(accountId, assetId);
        assets.delete(accountId, assetId);
        released.add(assetId);
        audit.record(accountId, actor.userId(), AuditAction.ASSET_DELETED, asset.filename(), released.size() == 1 ? null
                : "with the " + (released.size() - 1) + " indexed video(s) made from it");
        events.publishEvent(new AssetDeleted(accountId, assetId));
        events.publishEvent(new VideoFilesReleased(accountId, released));
        if (!indexed.isEmpty()) {
            events.publishEvent(new VideosRemoved(accountId));
        }
    }

    /**
     * Merges user metadata: given keys are set, a {@code null} value removes its key, others stay.
     *
     * @throws InvalidInputException for values or sizes outside {@link UserMetadata}'s limits
     */
    @Transactional
    public void mergeMetadata(String accountId, String assetId, Map<String, Object> changes) {
        AssetRow asset = assets.lock(accountId, assetId).orElseThrow(() -> new NotFoundException("Asset"));
        assets.updateMetadata(accountId, assetId, UserMetadata.merge(json, asset.userMetadata(), changes),
                clock.instant());
    }

    /** Replaces the user metadata with the given keys ({@code null} values are left out). */
    @Transactional
    public void replaceMetadata(String accountId, String assetId, Map<String, Object> metadata) {
        assets.lock(accountId, assetId).orElseThrow(() -> new NotFoundException("Asset"));
        UserMetadata.requireChange(metadata);
        Map<String, Object> replaced = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (value != null) {
                replaced.put(key, value);
            }
        });
        storeMetadata(accountId, assetId, replaced);
    }

    @Transactional
    public void clearMetadata(String accountId, String assetId) {
        assets.lock(accountId, assetId).orElseThrow(() -> new NotFoundException("Asset"));
        assets.updateMetadata(accountId, assetId, null, clock.instant());
    }

    private void storeMetadata(String accountId, String assetId, Map<String, Object> metadata) {
        UserMetadata.requireStorable(json, metadata);
        assets.updateMetadata(accountId, assetId, metadata.isEmpty() ? null : json.writeValueAsString(metadata),
                clock.instant());
    }

    /** Files of an asset, for signed media links: its thumbnail. */
    Optional<VideoFile> stored(String accountId, String assetId) {
        return assets.find(accountId, assetId).filter(asset -> asset.objectKey() != null)
                .map(asset -> new VideoFile(asset.objectKey(), Optional.empty(), asset.filename()));
    }

    private AssetView view(AssetRow row) {
        // "ready" is recorded only once the thumbnail is stored: no look into storage for each asset of a list
        String thumbnailUrl = "ready".equals(row.thumbnailStatus())
                ? mediaUrls.link(row.accountId(), row.id(), "thumbnail") : null;
        TechnicalMetadata technical = row.technicalMetadata() == null ? null
                : json.readValue(row.technicalMetadata(), TechnicalMetadata.class);
        String hlsStatus = null;
        String hlsUrl = null;
        if (row.enableHls()) {
            Optional<HlsState> rendition = renditions.state(row.accountId(), row.id());
            if (rendition.isPresent()) {
                hlsStatus = rendition.get().status().value();
                hlsUrl = renditions.playlistLink(row.accountId(), row.id()).orElse(null);
            } else {
                // asked for once the file is read: until then pending, and never for a file that is no video
                boolean never = row.status() == AssetStatus.FAILED
                        || (row.status() == AssetStatus.READY && row.type() != AssetType.VIDEO);
                hlsStatus = never ? HlsState.Status.ERROR.value() : HlsState.Status.PENDING.value();
            }
        }
        return new AssetView(row.id(), row.method(), row.status(), row.type(), row.filename(), row.fileType(),
                row.size(), row.duration(), technical, UserMetadata.read(json, row.userMetadata()), row.errorMessage(),
                thumbnailUrl, row.thumbnailStatus(), hlsUrl, hlsStatus, row.createdAt(), row.updatedAt());
    }

    /** The extension a stored asset file is given: its name's, when it is a known media file's; else {@code bin}. */
    public static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return EXTENSIONS.contains(extension) ? extension : "bin";
    }
}
