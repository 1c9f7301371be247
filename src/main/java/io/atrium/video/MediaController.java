package io.atrium.video;

import java.util.Locale;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.atrium.shared.NotFoundException;
import io.atrium.storage.LocalFileStorage;

/**
 * Streams a video's stored file or thumbnail to whoever holds a valid signed link (see {@link MediaUrls}).
 * HTTP range requests are answered with 206 and the requested bytes, so players can seek. A bad, expired
 * or foreign link answers 404, like a missing video.
 */
@Controller
class MediaController {

    private final MediaUrls urls;
    private final VideoRepository videos;
    private final LocalFileStorage storage;

    MediaController(MediaUrls urls, VideoRepository videos, LocalFileStorage storage) {
        this.urls = urls;
        this.videos = videos;
        this.storage = storage;
    }

    @GetMapping("/media/{accountId}/{videoId}/{what:video|thumbnail}")
    ResponseEntity<Resource> stream(@PathVariable String accountId, @PathVariable String videoId,
            @PathVariable String what, @RequestParam(defaultValue = "0") long expires,
            @RequestParam(required = false) String signature) {
        if (!urls.valid(accountId, videoId, what, expires, signature)) {
            throw new NotFoundException("Media");
        }
        VideoRow video = videos.findInAccount(accountId, videoId).orElseThrow(() -> new NotFoundException("Media"));
        String key = what.equals("video") ? video.objectKey() : ThumbnailKeys.of(accountId, videoId);
        if (key == null || !storage.exists(key)) {
            throw new NotFoundException("Media");
        }
        FileSystemResource file = new FileSystemResource(storage.path(key));
        MediaType type = what.equals("thumbnail") ? MediaType.IMAGE_JPEG
                : MediaTypeFactory.getMediaType(video.filename().toLowerCase(Locale.ROOT)).orElse(MediaType.APPLICATION_OCTET_STREAM);
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.noStore())
                .header("Accept-Ranges", "bytes")
                .body(file);
    }
}
