package io.atrium.video.media;

import java.util.regex.Pattern;

/**
 * Where a media object's HLS rendition is stored: beside the media ({@code <account>/<media>-hls.m3u8},
 * {@code <account>/<media>-hls-00000.ts}, ...), so deleting the media's objects takes it too and the orphan sweeper
 * counts it as the media's. A segment's name ({@code hls-00000.ts}) is also what its signed link serves.
 */
public final class HlsKeys {

    /** What the playlist's signed link serves. */
    public static final String PLAYLIST = "hls.m3u8";
    /** A segment's name: {@code hls-} and its five-digit number from 0, as FFmpeg numbers them. */
    public static final Pattern SEGMENT = Pattern.compile("hls-([0-9]{5})\\.ts");
    /** More segments than five digits name are never made (at six seconds each, 166 hours). */
    public static final int MAX_SEGMENTS = 100_000;

    private HlsKeys() {
    }

    public static String playlist(String accountId, String mediaId) {
        return accountId + "/" + mediaId + "-" + PLAYLIST;
    }

    public static String segmentName(int index) {
        return String.format("hls-%05d.ts", index);
    }

    public static String segment(String accountId, String mediaId, int index) {
        return accountId + "/" + mediaId + "-" + segmentName(index);
    }

    /** The segment's number, or -1 for a name that is not a segment's. */
    public static int segmentIndex(String name) {
        var matcher = SEGMENT.matcher(name);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
