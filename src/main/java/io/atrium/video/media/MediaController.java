package io.atrium.video.media;

import java.io.InputStream;
import java.util.List;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import io.atrium.shared.NotFoundException;
import io.atrium.storage.ObjectStorage;
import io.atrium.video.HlsRenditions;
import io.atrium.video.VideoFile;
import io.atrium.video.VideoService;

/**
 * Streams a video's stored file or thumbnail, and a media's HLS playlist and segments, to whoever holds a valid
 * signed link (see {@link MediaUrls}).
 * HTTP range requests are answered with 206 and the requested bytes, so players can seek. A bad, expired
 * or foreign link answers 404, like a missing video.
 */
@Controller
class MediaController {

    static final MediaType PLAYLIST_TYPE = MediaType.parseMediaType("application/vnd.apple.mpegurl");
    static final MediaType SEGMENT_TYPE = MediaType.parseMediaType("video/mp2t");

    private final MediaUrls urls;
    private final VideoService videos;
    private final HlsRenditions renditions;
    private final ObjectStorage storage;

    MediaController(MediaUrls urls, VideoService videos, HlsRenditions renditions, ObjectStorage storage) {
        this.urls = urls;
        this.renditions = renditions;
        this.videos = videos;
        this.storage = storage;
    }

    /**
     * A single satisfiable range, what players ask for, is read from storage as just those bytes (a ranged GET
     * on S3). Anything else (no range, several ranges, a range past the end or one that does not parse) is
     * answered by Spring from the whole object: 200, multipart ranges, or 416.
     */
    @GetMapping("/media/{accountId}/{videoId}/{what:video|thumbnail}")
    ResponseEntity<Resource> stream(@PathVariable String accountId, @PathVariable String videoId,
            @PathVariable String what, @RequestParam(defaultValue = "0") long expires,
            @RequestParam(required = false) String signature,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
        if (!urls.valid(accountId, videoId, what, expires, signature)) {
            throw new NotFoundException("Media");
        }
        VideoFile video = videos.stored(accountId, videoId).orElseThrow(() -> new NotFoundException("Media"));
        String key = what.equals("video") ? video.objectKey() : ThumbnailKeys.of(accountId, videoId);
        if (key == null) {
            throw new NotFoundException("Media");
        }
        // The type FFmpeg found in the file, never one its name suggests: a stored "report.html" is still a video.
        MediaType type = what.equals("thumbnail") ? MediaType.IMAGE_JPEG
                : video.container().map(container -> container.mediaType(video.filename()))
                        .orElse(MediaType.APPLICATION_OCTET_STREAM);
        return serve(key, type, what.equals("thumbnail") ? "thumbnail.jpg" : safeFilename(video.filename()), range,
                false);
    }

    /**
     * The playlist of a media's ready HLS rendition, each segment line a signed link of its own. Not a video's
     * only: any media with a rendition (its row in the account) has one.
     */
    @GetMapping("/media/{accountId}/{mediaId}/" + HlsKeys.PLAYLIST)
    ResponseEntity<String> playlist(@PathVariable String accountId, @PathVariable String mediaId,
            @RequestParam(defaultValue = "0") long expires, @RequestParam(required = false) String signature) {
        if (!urls.valid(accountId, mediaId, HlsKeys.PLAYLIST, expires, signature)) {
            throw new NotFoundException("Media");
        }
        String playlist = renditions.servedPlaylist(accountId, mediaId).orElseThrow(() -> new NotFoundException("Media"));
        return ResponseEntity.ok().contentType(PLAYLIST_TYPE).cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("playlist.m3u8").build().toString())
                .body(playlist);
    }

    /** One segment of a ready HLS rendition; range requests are answered like the video's. */
    @GetMapping("/media/{accountId}/{mediaId}/{segment:hls-[0-9]{5}\\.ts}")
    ResponseEntity<Resource> segment(@PathVariable String accountId, @PathVariable String mediaId,
            @PathVariable String segment, @RequestParam(defaultValue = "0") long expires,
            @RequestParam(required = false) String signature,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
        if (!urls.valid(accountId, mediaId, segment, expires, signature)) {
            throw new NotFoundException("Media");
        }
        String key = renditions.segmentKey(accountId, mediaId, segment).orElseThrow(() -> new NotFoundException("Media"));
        return serve(key, SEGMENT_TYPE, segment, range, true);
    }

    /**
     * A stored object, whole or the one range asked for, with the headers every media answer has.
     *
     * @param crossOrigin whether any origin may read it: hls.js fetches the playlist and segments with XHR, so a
     *     player on another origin needs CORS. The signed link is the only credential (no cookie is sent or
     *     honoured), so any origin may read what the link already grants.
     */
    private ResponseEntity<Resource> serve(String key, MediaType type, String filename, String range,
            boolean crossOrigin) {
        long size = storage.size(key).orElseThrow(() -> new NotFoundException("Media"));
        HttpRange single = singleRange(range);
        boolean partial = single != null && size > 0 && single.getRangeStart(size) < size;
        long start = partial ? single.getRangeStart(size) : 0;
        long end = partial ? single.getRangeEnd(size) : size - 1;
        ResponseEntity.BodyBuilder response = ResponseEntity.status(partial ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK)
                .contentType(type)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                // Uploaded bytes are served from Atrium's own origin: no browser may sniff them into a page, and
                // were one to render them anyway, they run sandboxed, with no script and no access to the origin.
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(filename).build().toString());
        if (partial) {
            response.header(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
        }
        if (crossOrigin) {
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
        return response.body(new StoredObject(storage, key, start, end - start + 1));
    }

    /**
     * The stored name reduced to ASCII letters, digits and a few marks, so that it cannot break out of the header or
     * name a path; what is left of a name made only of other characters is {@code video}.
     */
    static String safeFilename(String filename) {
        String safe = filename.replaceAll("[^A-Za-z0-9 ._()-]", "_").replaceAll("^[. ]+", "").strip();
        return safe.isEmpty() || safe.chars().allMatch(c -> c == '_') ? "video" : safe;
    }

    private static HttpRange singleRange(String header) {
        if (header == null) {
            return null;
        }
        try {
            List<HttpRange> ranges = HttpRange.parseRanges(header);
            return ranges.size() == 1 ? ranges.get(0) : null;
        } catch (IllegalArgumentException unparsable) {
            return null;
        }
    }

    /** Bytes of a stored object, opened only when the response is written. */
    private static final class StoredObject extends AbstractResource {

        private final ObjectStorage storage;
        private final String key;
        private final long offset;
        private final long length;

        StoredObject(ObjectStorage storage, String key, long offset, long length) {
            this.storage = storage;
            this.key = key;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public InputStream getInputStream() {
            return storage.open(key, offset, length);
        }

        /** Known to exist: the controller read its size (and AbstractResource would otherwise open it to check). */
        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public String getDescription() {
            return "stored object " + key + " [" + offset + ", " + (offset + length) + ")";
        }
    }
}
