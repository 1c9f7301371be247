package io.atrium.video.web;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.api.ApiController;
import io.atrium.api.ApiPage;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.video.AssetFilter;
import io.atrium.video.AssetService;
import io.atrium.video.AssetType;
import io.atrium.video.AssetView;
import io.atrium.video.TechnicalMetadata;
import io.atrium.video.upload.MultipartReader;
import io.atrium.video.upload.UploadBodies;
import io.atrium.video.upload.VideoLimits;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code /v1.3/assets}: files uploaded once and indexed into any of the account's indexes. */
@ApiController
@RequestMapping("/v1.3/assets")
class AssetsApiController {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Hls(String manifestUrl, String status) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Thumbnail(String representativeUrl, String status) {
    }

    record AssetError(String message) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AssetJson(@JsonProperty("_id") String id, String method, String status, String filename, String fileType,
            Instant createdAt, Map<String, Object> userMetadata,
            @JsonInclude(JsonInclude.Include.NON_NULL) Hls hls,
            @JsonInclude(JsonInclude.Include.NON_NULL) Thumbnail thumbnail,
            @JsonInclude(JsonInclude.Include.NON_NULL) TechnicalMetadata technicalMetadata,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long size,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double duration,
            @JsonInclude(JsonInclude.Include.NON_NULL) AssetError error) {

        static AssetJson of(AssetView asset) {
            return new AssetJson(asset.id(), asset.method(), asset.status().value(), asset.filename(), asset.fileType(),
                    asset.createdAt(), asset.userMetadata(),
                    asset.hlsStatus() == null ? null : new Hls(asset.hlsUrl(), asset.hlsStatus()),
                    asset.thumbnailStatus() == null ? null : new Thumbnail(asset.thumbnailUrl(), asset.thumbnailStatus()),
                    asset.technicalMetadata(), asset.size(), asset.duration(),
                    asset.errorMessage() == null ? null : new AssetError(asset.errorMessage()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MetadataBody(Map<String, Object> userMetadata) {
    }

    /** The form fields of an asset upload besides its file; any other part is refused. */
    private static final Set<String> FORM_FIELDS = Set.of("method", "url", "filename", "enable_hls",
            "enable_thumbnail", "user_metadata");
    private static final int MAX_FIELD_BYTES = 64 * 1024;

    private final AssetService assets;
    private final VideoLimits limits;

    AssetsApiController(AssetService assets, VideoLimits limits) {
        this.assets = assets;
        this.limits = limits;
    }

    /**
     * Reads the multipart body part by part as it arrives, like {@code POST /v1.3/tasks}: a {@code file} goes
     * straight from the connection to storage, and a {@code url} is checked now and downloaded in the background.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    AssetJson create(Actor actor, HttpServletRequest request) throws IOException {
        MultipartReader form = UploadBodies.open(request, limits);
        Map<String, String> fields = new HashMap<>();
        AssetService.StoredFile stored = null;
        try {
            for (MultipartReader.Part part = form.next(); part != null; part = form.next()) {
                if (part.name().equals("file")) {
                    if (stored != null) {
                        throw new InvalidInputException("file", "parameter_invalid", "Send one file.");
                    }
                    // What came before the file is checked before a byte of it is stored.
                    check(fields);
                    stored = assets.store(actor.accountId(), part.filename(), part.content());
                } else if (FORM_FIELDS.contains(part.name())) {
                    fields.put(part.name(), part.text(MAX_FIELD_BYTES));
                } else {
                    throw new InvalidInputException(part.name(), "parameter_unknown",
                            part.name() + " is not a field of an asset upload.");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw UploadBodies.discarding(stored, assets::discard, UploadBodies.refusal(e));
        }
        try {
            String method = check(fields);
            if (method == null) {
                throw new InvalidInputException("method", "parameter_not_provided", "method is required: direct or url.");
            }
            String url = UploadBodies.blankToNull(fields.get("url"));
            AssetService.Options options = options(fields);
            if (method.equals("direct")) {
                if (stored == null || url != null) {
                    throw new InvalidInputException("file", stored == null ? "parameter_not_provided" : "parameter_invalid",
                            "method direct takes a file, and no url.");
                }
                return AssetJson.of(assets.create(stored, options));
            }
            if (url == null || stored != null) {
                throw new InvalidInputException("url", url == null ? "parameter_not_provided" : "parameter_invalid",
                        "method url takes a url, and no file.");
            }
            return AssetJson.of(assets.createFromUrl(actor.accountId(), url, options));
        } catch (RuntimeException e) {
            throw UploadBodies.discarding(stored, assets::discard, e);
        }
    }

    /** @return the method, when the form has named it */
    private static String check(Map<String, String> fields) {
        String method = UploadBodies.blankToNull(fields.get("method"));
        if (method != null && !method.equals("direct") && !method.equals("url")) {
            throw new InvalidInputException("method", "parameter_invalid",
                    "method must be direct or url (chunked uploads use /v1.3/assets/multipart-uploads).");
        }
        options(fields);
        return method;
    }

    private static AssetService.Options options(Map<String, String> fields) {
        return new AssetService.Options(UploadBodies.blankToNull(fields.get("filename")),
                UploadBodies.flag("enable_hls", fields.get("enable_hls"), false),
                UploadBodies.flag("enable_thumbnail", fields.get("enable_thumbnail"), false),
                fields.get("user_metadata"));
    }

    @GetMapping
    ApiPage<AssetJson> list(Actor actor, @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit,
            @RequestParam(name = "asset_ids", required = false) List<String> assetIds,
            @RequestParam(name = "asset_types", required = false) List<String> assetTypes,
            @RequestParam(required = false) String filename) {
        ApiPage.Request paging = ApiPage.request(page, pageLimit, null, null);
        List<AssetType> types = null;
        if (assetTypes != null) {
            types = new ArrayList<>();
            for (String type : splitAll(assetTypes)) {
                types.add(AssetType.of(type).orElseThrow(() -> new InvalidInputException("asset_types",
                        "parameter_invalid", "asset_types may hold image, video and audio.")));
            }
        }
        AssetFilter filter = new AssetFilter(assetIds == null ? null : splitAll(assetIds), types,
                UploadBodies.blankToNull(filename));
        ApiPage<AssetView> found = assets.list(actor.accountId(), filter, paging);
        return new ApiPage<>(found.data().stream().map(AssetJson::of).toList(), found.pageInfo());
    }

    /** A list parameter given repeated ({@code a=1&a=2}) or comma-separated ({@code a=1,2}), as clients send it. */
    private static List<String> splitAll(List<String> values) {
        return values.stream().flatMap(value -> List.of(value.split(",")).stream()).map(String::strip)
                .filter(value -> !value.isEmpty()).toList();
    }

    @GetMapping("/{assetId}")
    AssetJson get(Actor actor, @PathVariable String assetId) {
        return AssetJson.of(assets.get(actor.accountId(), assetId));
    }

    /** 200 with no body, as the published document has it. */
    @DeleteMapping("/{assetId}")
    @ResponseStatus(HttpStatus.OK)
    void delete(Actor actor, @PathVariable String assetId,
            @RequestParam(defaultValue = "false") boolean force) {
        assets.delete(actor, assetId, force);
    }

    @PatchMapping("/{assetId}/user-metadata")
    @ResponseStatus(HttpStatus.OK)
    void mergeMetadata(Actor actor, @PathVariable String assetId, @RequestBody MetadataBody body) {
        assets.mergeMetadata(actor.accountId(), assetId, required(body));
    }

    @PutMapping("/{assetId}/user-metadata")
    @ResponseStatus(HttpStatus.OK)
    void replaceMetadata(Actor actor, @PathVariable String assetId, @RequestBody MetadataBody body) {
        assets.replaceMetadata(actor.accountId(), assetId, required(body));
    }

    @DeleteMapping("/{assetId}/user-metadata")
    @ResponseStatus(HttpStatus.OK)
    void clearMetadata(Actor actor, @PathVariable String assetId) {
        assets.clearMetadata(actor.accountId(), assetId);
    }

    private static Map<String, Object> required(MetadataBody body) {
        if (body == null || body.userMetadata() == null) {
            throw new InvalidInputException("user_metadata", "parameter_not_provided", "user_metadata is required.");
        }
        return body.userMetadata();
    }
}
