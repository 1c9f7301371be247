package io.atrium.video.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.api.ApiController;
import io.atrium.api.ApiPage;
import io.atrium.api.ApiTimes;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.video.VideoFilter;
import io.atrium.video.VideoService;
import io.atrium.video.VideoSummary;
import io.atrium.video.VideoView;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code /v1.3/indexes/{index_id}/videos}: a video is always reached through its index. */
@ApiController
@RequestMapping("/v1.3/indexes/{indexId}/videos")
class VideosApiController {

    static final Set<String> PAGING = Set.of("page", "page_limit", "sort_by", "sort_option");

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SystemMetadata(String filename, double duration, Double fps, Integer width, Integer height, long size) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VideoItem(@JsonProperty("_id") String id, String assetId, Instant createdAt,
            Instant updatedAt, Instant indexedAt,
            SystemMetadata systemMetadata) {

        static VideoItem of(VideoSummary video) {
            return new VideoItem(video.id(), video.assetId(), video.createdAt(), video.updatedAt(), video.indexedAt(),
                    new SystemMetadata(video.filename(), video.duration(), video.fps(), video.width(), video.height(),
                            video.size()));
        }
    }

    /**
     * @param fileUrl Atrium's addition to the TwelveLabs video: a signed, expiring link to the stored file as it was
     *     uploaded, which answers range requests (what {@code hls.video_url} was before HLS renditions); {@code null}
     *     when the upload disabled streaming
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VideoJson(@JsonProperty("_id") String id, String assetId, Instant createdAt,
            Instant updatedAt, Instant indexedAt,
            SystemMetadata systemMetadata,
            Map<String, Object> userMetadata, Hls hls, String fileUrl) {
    }

    /**
     * Where to play the video: a signed, expiring link to its HLS playlist ({@code .m3u8}) once the rendition is
     * made, and its thumbnails. {@code null} when the upload disabled streaming. The status is TwelveLabs' video
     * enum: a rendition pending or being made is {@code PROCESSING}, a ready one {@code COMPLETE}.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Hls(String videoUrl, List<String> thumbnailUrls,
            String status, Instant updatedAt) {

        static Hls of(VideoView video) {
            if (video.hls() == null) {
                return null;
            }
            String status = switch (video.hls().status()) {
                case PENDING, PROCESSING -> "PROCESSING";
                case READY -> "COMPLETE";
                case ERROR -> "ERROR";
            };
            return new Hls(video.hlsUrl(), video.thumbnailUrls(), status, video.hls().updatedAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MetadataChange(Map<String, Object> userMetadata,
            Map<String, Object> systemMetadata) {
    }

    private final VideoService videos;

    VideosApiController(VideoService videos) {
        this.videos = videos;
    }

    @GetMapping
    ApiPage<VideoItem> list(Actor actor, @PathVariable String indexId,
            @RequestParam MultiValueMap<String, String> query) {
        VideoFilter filter = filter(query);
        ApiPage.Request paging = ApiPage.request(integer(query, "page"), integer(query, "page_limit"),
                query.getFirst("sort_by"), query.getFirst("sort_option"));
        ApiPage<VideoSummary> page = videos.list(actor.accountId(), indexId, filter, paging);
        return new ApiPage<>(page.data().stream().map(VideoItem::of).toList(), page.pageInfo());
    }

    @GetMapping("/{videoId}")
    VideoJson get(Actor actor, @PathVariable String indexId, @PathVariable String videoId) {
        VideoView video = videos.get(actor.accountId(), indexId, videoId);
        return new VideoJson(video.id(), video.assetId(), video.createdAt(), video.updatedAt(), video.indexedAt(),
                metadata(video), video.userMetadata(), Hls.of(video), video.videoUrl());
    }

    @PatchMapping("/{videoId}")
    @ResponseStatus(HttpStatus.OK)
    void patch(Actor actor, @PathVariable String indexId, @PathVariable String videoId,
            @RequestBody MetadataChange change) {
        if (change.systemMetadata() != null) {
            throw new InvalidInputException("system_metadata", "parameter_invalid",
                    "System metadata is read from the file and cannot be changed.");
        }
        if (change.userMetadata() == null) {
            throw new InvalidInputException("user_metadata", "parameter_not_provided", "user_metadata is required.");
        }
        videos.mergeMetadata(actor.accountId(), indexId, videoId, change.userMetadata());
    }

    /** Older clients update metadata with PUT; it merges exactly like PATCH. */
    @PutMapping("/{videoId}")
    @ResponseStatus(HttpStatus.OK)
    void put(Actor actor, @PathVariable String indexId, @PathVariable String videoId,
            @RequestBody MetadataChange change) {
        patch(actor, indexId, videoId, change);
    }

    @DeleteMapping("/{videoId}")
    @ResponseStatus(HttpStatus.OK)
    void delete(Actor actor, @PathVariable String indexId, @PathVariable String videoId) {
        videos.delete(actor, indexId, videoId);
    }

    /**
     * {@code filename}; {@code duration}, {@code fps}, {@code width}, {@code height}, {@code size} exact or as
     * {@code name[gte]}/{@code name[lte]}; {@code created_at}, {@code updated_at} "at or after" the date or time given,
     * like the task and index lists; any other key filters on user metadata.
     */
    static VideoFilter filter(MultiValueMap<String, String> query) {
        return filter(query, PAGING);
    }

    /** @param reserved the query keys that are not filters (paging, and the list's own keys) */
    static VideoFilter filter(MultiValueMap<String, String> query, Set<String> reserved) {
        String filename = null;
        List<VideoFilter.NumberCondition> numbers = new ArrayList<>();
        Map<String, String> userMetadata = new HashMap<>();
        Map<String, Instant> since = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue().get(0);
            if (reserved.contains(key)) {
                continue;
            }
            String field = key.replaceAll("\\[(gte|lte)]$", "");
            if (key.equals("filename")) {
                filename = value;
            } else if (VideoFilter.NUMBER_FIELDS.contains(field)) {
                VideoFilter.Comparison comparison = key.endsWith("[gte]") ? VideoFilter.Comparison.AT_LEAST
                        : key.endsWith("[lte]") ? VideoFilter.Comparison.AT_MOST : VideoFilter.Comparison.EQUAL;
                numbers.add(new VideoFilter.NumberCondition(field, comparison, number(key, value)));
            } else if (VideoFilter.TIME_FIELDS.contains(key)) {
                Instant time = ApiTimes.atOrAfter(key, value);
                if (time != null) {
                    since.put(key, time);
                }
            } else {
                userMetadata.put(key, value);
            }
        }
        return new VideoFilter(filename, numbers, userMetadata, since);
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, "parameter_invalid", key + " must be a number.");
        }
    }

    static Integer integer(MultiValueMap<String, String> query, String key) {
        String value = query.getFirst(key);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, "parameter_invalid", key + " must be a whole number.");
        }
    }

    private static SystemMetadata metadata(VideoView video) {
        return new SystemMetadata(video.filename(), video.duration(), video.fps(), video.width(), video.height(), video.size());
    }
}
