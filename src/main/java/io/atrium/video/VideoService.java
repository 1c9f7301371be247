package io.atrium.video;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.atrium.api.ApiPage;
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.index.IndexDeleted;
import io.atrium.index.IndexService;
import io.atrium.organization.OrganizationDeleted;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.storage.ObjectStorage;
import io.atrium.video.media.HlsKeys;
import io.atrium.video.media.MediaUrls;
import io.atrium.video.media.ThumbnailKeys;
import io.atrium.video.store.TaskRepository;
import io.atrium.video.store.UserMetadata;
import io.atrium.video.store.VideoPages;
import io.atrium.video.store.VideoRepository;
import io.atrium.video.store.VideoRow;
import tools.jackson.databind.json.JsonMapper;

/** Videos of an index, always found through their index within the account (R-RES-3). */
@Service
public class VideoService {

    private final VideoRepository videos;
    private final VideoPages pages;
    private final AssetService assets;
    private final TaskRepository tasks;
    private final IndexService indexes;
    private final ObjectStorage storage;
    private final MediaUrls mediaUrls;
    private final HlsRenditions renditions;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    VideoService(VideoRepository videos, VideoPages pages, AssetService assets, TaskRepository tasks, IndexService indexes,
            ObjectStorage storage, MediaUrls mediaUrls, HlsRenditions renditions, ApplicationEventPublisher events,
            AuditLog audit, JsonMapper json, Clock clock) {
        this.audit = audit;
        this.renditions = renditions;
        this.events = events;
        this.videos = videos;
        this.pages = pages;
        this.assets = assets;
        this.tasks = tasks;
        this.indexes = indexes;
        this.storage = storage;
        this.mediaUrls = mediaUrls;
        this.json = json;
        this.clock = clock;
    }

    /**
     * One page of the index's videos that meet the filter, read from the nearest end of the list or page this node
     * has read before in the same version of the list ({@link VideoPages}). Count and page come from one snapshot of
     * the database.
     *
     * @throws NotFoundException when the index is not the account's
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ApiPage<VideoSummary> list(String accountId, String indexId, VideoFilter filter, ApiPage.Request paging) {
        indexes.requireExists(accountId, indexId);
        return pages.read(accountId, indexId, filter, paging);
    }

    /** Signed thumbnail links of those of the account's videos that have a thumbnail, by video id. */
    public Map<String, String> thumbnailLinks(String accountId, List<String> videoIds) {
        Map<String, String> links = new LinkedHashMap<>();
        videoIds.stream().filter(id -> storage.exists(ThumbnailKeys.of(accountId, id)))
                .forEach(id -> links.put(id, mediaUrls.link(accountId, id, "thumbnail")));
        return links;
    }

    /**
     * Bytes the account stores: its assets, and the videos uploaded as tasks (a video indexed from an asset shares
     * the asset's file, so it is not counted again).
     */
    public long storedBytes(String accountId) {
        return videos.totalSizeWithoutAsset(accountId) + assets.storedBytes(accountId);
    }

    /** Which of the given videos still exist in the index. */
    public Set<String> existing(String accountId, String indexId, Collection<String> videoIds) {
        return videos.existingIds(accountId, indexId, videoIds);
    }

    /**
     * The stored file of a video of the account, whatever its index, or of one of its assets, for signed media
     * links; empty if none.
     */
    public Optional<VideoFile> stored(String accountId, String videoId) {
        return videos.findInAccount(accountId, videoId).map(
                video -> new VideoFile(video.objectKey(), VideoContainer.ofStored(video.container()), video.filename()))
                .or(() -> assets.stored(accountId, videoId));
    }

    public VideoView get(String accountId, String indexId, String videoId) {
        return videos.find(accountId, indexId, videoId).map(this::view).orElseThrow(() -> new NotFoundException("Video"));
    }

    /**
     * Merges user metadata: given keys are set, a {@code null} value removes its key, others stay.
     *
     * @throws InvalidInputException for a value that is not a string, number, boolean or null, or for metadata that
     *     would pass the limits of {@link UserMetadata} once merged
     */
    @Transactional
    public VideoView mergeMetadata(String accountId, String indexId, String videoId, Map<String, Object> changes) {
        VideoRow video = videos.find(accountId, indexId, videoId).orElseThrow(() -> new NotFoundException("Video"));
        String stored = UserMetadata.merge(json, video.userMetadata(), changes);
        videos.updateMetadata(accountId, indexId, videoId, stored, UserMetadata.texts(json, stored), clock.instant());
        return get(accountId, indexId, videoId);
    }

    /** Deletes the video and, once that is committed, its stored file. */
    @Transactional
    public void delete(Actor actor, String indexId, String videoId) {
        String accountId = actor.accountId();
        VideoRow video = videos.find(accountId, indexId, videoId).orElseThrow(() -> new NotFoundException("Video"));
        audit.record(accountId, actor.userId(), AuditAction.VIDEO_DELETED, video.filename(),
                "index=" + indexes.get(accountId, indexId).name());
        videos.delete(accountId, indexId, videoId);
        tasks.forgetObject(accountId, videoId);
        events.publishEvent(new VideoFilesReleased(accountId, List.of(video.id())));
        events.publishEvent(new VideosRemoved(accountId));
    }

    @EventListener
    void deleteFilesOfIndex(IndexDeleted deleted) {
        // Read while the index's rows still exist: IndexDeleted comes before they are deleted.
        List<String> videoIds = tasks.videoIdsOfIndex(deleted.accountId(), deleted.indexId());
        events.publishEvent(new VideoFilesReleased(deleted.accountId(), videoIds));
        events.publishEvent(new VideosRemoved(deleted.accountId()));
    }

    /** Files go only once the rows are gone for good, so a rolled-back delete never loses a file. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void deleteFiles(VideoFilesReleased released) {
        released.videoIds().forEach(videoId -> storage.deleteVideo(released.accountId(), videoId));
    }

    /** After the commit, like {@link #deleteFiles}. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void deleteFilesOfOrganization(OrganizationDeleted deleted) {
        storage.deleteAccount(deleted.accountId());
    }

    private VideoView view(VideoRow row) {
        boolean streamed = row.enableVideoStream() && row.objectKey() != null;
        String videoUrl = streamed ? mediaUrls.link(row.accountId(), row.id(), "video") : null;
        // Every streamed video has a rendition row from the moment it exists (V24 added those of older videos); one
        // missing anyway has no rendition coming, which is an error rather than a wait that never ends.
        HlsState hls = streamed ? renditions.state(row.accountId(), row.id())
                .orElse(new HlsState(HlsState.Status.ERROR, row.updatedAt(), "No HLS rendition was asked for."))
                : null;
        String hlsUrl = hls != null && hls.status() == HlsState.Status.READY
                ? mediaUrls.link(row.accountId(), row.id(), HlsKeys.PLAYLIST) : null;
        List<String> thumbnails = storage.exists(ThumbnailKeys.of(row.accountId(), row.id()))
                ? List.of(mediaUrls.link(row.accountId(), row.id(), "thumbnail")) : List.of();
        return new VideoView(row.id(), row.indexId(), row.filename(), row.duration(), row.fps(), row.width(),
                row.height(), row.size(), UserMetadata.read(json, row.userMetadata()), row.createdAt(), row.updatedAt(),
                row.indexedAt(), videoUrl, thumbnails, hls, hlsUrl, row.assetId());
    }
}
