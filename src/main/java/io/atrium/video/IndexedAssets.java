package io.atrium.video;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.api.ApiPage;
import io.atrium.index.IndexService;
import io.atrium.shared.Actor;
import io.atrium.shared.NotFoundException;
import io.atrium.video.store.AssetRepository;
import io.atrium.video.store.IndexedAssetRepository;
import io.atrium.video.store.IndexedAssetRow;
import io.atrium.video.store.TaskRepository;
import io.atrium.video.store.UserMetadata;
import tools.jackson.databind.json.JsonMapper;

/**
 * Indexed assets (api.md, Indexed assets): the videos of an index seen from the asset side, including those still
 * being indexed and those that failed. The same items as the videos endpoints, by the same ids.
 */
@Service
public class IndexedAssets {

    private final IndexedAssetRepository indexedAssets;
    private final AssetRepository assets;
    private final TaskRepository tasks;
    private final VideoTasks videoTasks;
    private final VideoService videos;
    private final IndexService indexes;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    IndexedAssets(IndexedAssetRepository indexedAssets, AssetRepository assets, TaskRepository tasks,
            VideoTasks videoTasks, VideoService videos, IndexService indexes, ApplicationEventPublisher events,
            JsonMapper json, Clock clock) {
        this.indexedAssets = indexedAssets;
        this.assets = assets;
        this.tasks = tasks;
        this.videoTasks = videoTasks;
        this.videos = videos;
        this.indexes = indexes;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Starts indexing the asset into the index.
     *
     * @return the indexed asset's id
     * @see VideoTasks#indexAsset
     */
    public String index(String accountId, String indexId, String assetId, boolean enableVideoStream,
            Map<String, Object> userMetadata) {
        return videoTasks.indexAsset(accountId, indexId, assetId, enableVideoStream, userMetadata).videoId();
    }

    /**
     * @param statuses the API's statuses to show ({@code pending} covers the task's validating and pending), or
     *     {@code null} for all
     * @throws NotFoundException when the index is not the account's
     * @see ApiPage#read
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ApiPage<IndexedAssetView> list(String accountId, String indexId, List<TaskStatus> statuses,
            VideoFilter filter, ApiPage.Request paging) {
        indexes.requireExists(accountId, indexId);
        return ApiPage.read(paging, (descending, limit, offset) -> indexedAssets.page(accountId, indexId, statuses,
                filter, paging.sortBy(), descending, limit, offset).stream().map(row -> view(accountId, row, false))
                .toList(), () -> indexedAssets.count(accountId, indexId, statuses, filter));
    }

    /** @throws NotFoundException when the index or the indexed asset is not the account's */
    public IndexedAssetView get(String accountId, String indexId, String id) {
        return view(accountId, find(accountId, indexId, id), true);
    }

    /**
     * Merges user metadata like the video's PATCH; before the video exists, into what its task will give it.
     *
     * @throws io.atrium.shared.InvalidInputException for values or sizes outside {@link UserMetadata}'s limits
     */
    @Transactional
    public void mergeMetadata(String accountId, String indexId, String id, Map<String, Object> changes) {
        IndexedAssetRow row = find(accountId, indexId, id);
        if (row.hasVideo()) {
            videos.mergeMetadata(accountId, indexId, id, changes);
            return;
        }
        tasks.updateMetadata(accountId, row.taskId(), UserMetadata.merge(json, row.userMetadata(), changes),
                clock.instant());
    }

    /** Deletes the video (or stops its indexing) and its task; the asset stays. */
    @Transactional
    public void delete(Actor actor, String indexId, String id) {
        String accountId = actor.accountId();
        IndexedAssetRow row = find(accountId, indexId, id);
        if (row.hasVideo()) {
            videos.delete(actor, indexId, id);
        } else {
            events.publishEvent(new VideoFilesReleased(accountId, List.of(id)));
        }
        tasks.delete(accountId, row.taskId());
    }

    /**
     * Where the asset is indexed, or being indexed, newest first.
     *
     * @throws NotFoundException when the asset is not the account's
     */
    public ApiPage<IndexedAssetView.Placement> placements(String accountId, String assetId, ApiPage.Request paging) {
        assets.find(accountId, assetId).orElseThrow(() -> new NotFoundException("Asset"));
        Map<String, String> names = new LinkedHashMap<>();
        List<IndexedAssetView.Placement> page = indexedAssets.ofAsset(accountId, assetId, paging.limit(), paging.offset())
                .stream().map(placement -> new IndexedAssetView.Placement(placement.id(), placement.indexId(),
                        names.computeIfAbsent(placement.indexId(), indexId -> indexes.get(accountId, indexId).name()),
                        apiStatus(placement.status()), placement.createdAt()))
                .toList();
        return ApiPage.of(page, paging, () -> indexedAssets.countOfAsset(accountId, assetId));
    }

    private IndexedAssetRow find(String accountId, String indexId, String id) {
        indexes.requireExists(accountId, indexId);
        return indexedAssets.find(accountId, indexId, id).orElseThrow(() -> new NotFoundException("Indexed asset"));
    }

    private IndexedAssetView view(String accountId, IndexedAssetRow row, boolean withVideo) {
        VideoView video = withVideo && row.hasVideo() ? videos.get(accountId, row.indexId(), row.id()) : null;
        return new IndexedAssetView(row.id(), row.indexId(), row.assetId(), apiStatus(row.status()), row.errorMessage(), row.filename(),
                row.duration(), row.fps(), row.width(), row.height(), row.size(),
                video != null ? video.userMetadata() : UserMetadata.read(json, row.userMetadata()), row.createdAt(),
                row.updatedAt(), row.indexedAt(), video);
    }

    /** An indexed asset's status has no word for a task still being validated: it is pending. */
    private static String apiStatus(TaskStatus status) {
        return status == TaskStatus.VALIDATING ? TaskStatus.PENDING.value() : status.value();
    }
}
