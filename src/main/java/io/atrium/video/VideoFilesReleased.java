package io.atrium.video;

import java.util.List;

/** Published inside the transaction that deletes video rows; their stored files are deleted once it commits. */
record VideoFilesReleased(String accountId, List<String> videoIds) {

    VideoFilesReleased {
        videoIds = List.copyOf(videoIds);
    }
}
