package io.atrium.video.store;

import java.time.Instant;

import io.atrium.video.TaskStatus;

/**
 * A video of an index as the indexed-assets endpoints show it: its task, joined with the video once there is one.
 *
 * @param id the video's id, which the indexed asset is known by from the moment it is created
 * @param userMetadata the video's, or the task's while there is no video yet
 * @param hasVideo whether the video exists (the task is ready and the video was not deleted)
 */
public record IndexedAssetRow(String id, String taskId, String indexId, String assetId, TaskStatus status,
        String errorMessage, String filename, Double duration, Double fps, Integer width, Integer height, long size,
        String userMetadata, Instant createdAt, Instant updatedAt, Instant indexedAt, boolean hasVideo) {
}
