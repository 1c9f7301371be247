package io.atrium.video.media;

/** Where a video's thumbnail is stored: beside the video, so deleting the video's objects takes it too. */
public final class ThumbnailKeys {

    private ThumbnailKeys() {
    }

    public static String of(String accountId, String videoId) {
        return accountId + "/" + videoId + "-thumbnail.jpg";
    }
}
