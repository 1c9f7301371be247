package io.atrium.video;

/** Where a video's thumbnail is stored: beside the video, so deleting the video's objects takes it too. */
final class ThumbnailKeys {

    private ThumbnailKeys() {
    }

    static String of(String accountId, String videoId) {
        return accountId + "/" + videoId + "-thumbnail.jpg";
    }
}
