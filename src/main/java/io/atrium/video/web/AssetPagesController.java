package io.atrium.video.web;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atrium.api.ApiPage;
import io.atrium.index.IndexFilter;
import io.atrium.index.IndexService;
import io.atrium.shared.Actor;
import io.atrium.shared.ConflictException;
import io.atrium.shared.InvalidInputException;
import io.atrium.video.AssetFilter;
import io.atrium.video.AssetService;
import io.atrium.video.AssetView;
import io.atrium.video.IndexedAssets;
import io.atrium.video.upload.VideoLimits;

/**
 * The Playground's Assets: files uploaded once, what FFmpeg read in them, and where each is indexed. The same
 * services as {@code /v1.3/assets} and the indexed-assets endpoints.
 */
@Controller
@RequestMapping("/assets")
class AssetPagesController {

    static final int PAGE_SIZE = 25;

    private final AssetService assets;
    private final IndexedAssets indexedAssets;
    private final IndexService indexes;
    private final VideoLimits limits;

    AssetPagesController(AssetService assets, IndexedAssets indexedAssets, IndexService indexes, VideoLimits limits) {
        this.assets = assets;
        this.indexedAssets = indexedAssets;
        this.indexes = indexes;
        this.limits = limits;
    }

    @GetMapping
    String list(Actor actor, @RequestParam(defaultValue = "1") int page, Model model) {
        ApiPage<AssetView> listed = assets.list(actor.accountId(), new AssetFilter(null, null, null),
                ApiPage.request(Math.max(page, 1), PAGE_SIZE, "created_at", "desc"));
        model.addAttribute("assets", listed.data());
        model.addAttribute("assetTotal", listed.pageInfo().totalResults());
        model.addAttribute("page", Math.max(page, 1));
        model.addAttribute("pages", Math.max(1, listed.pageInfo().totalPage()));
        model.addAttribute("maxFileSize", limits.maxFileSize());
        return "video/assets";
    }

    /**
     * A plain form post: the servlet container has parsed the body (the CSRF token is inside it), writing a large
     * file to its own temporary file rather than to memory; the file is then streamed to storage.
     */
    @PostMapping
    String upload(Actor actor, HttpServletRequest request,
            @RequestParam(name = "enable_thumbnail", defaultValue = "false") boolean thumbnail,
            @RequestParam(name = "enable_hls", defaultValue = "false") boolean hls,
            RedirectAttributes redirect) throws IOException {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        MultipartFile file = multipart == null ? null : multipart.getFile("file");
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("uploadError", "Choose a file to upload.");
            return "redirect:/assets";
        }
        AssetService.StoredFile stored;
        try (InputStream content = file.getInputStream()) {
            stored = assets.store(actor.accountId(), file.getOriginalFilename(), content);
        }
        try {
            AssetView asset = assets.create(stored, new AssetService.Options(null, hls, thumbnail, null));
            redirect.addFlashAttribute("notice", asset.filename() + " was uploaded and is being read.");
            return "redirect:/assets/" + asset.id();
        } catch (InvalidInputException refused) {
            redirect.addFlashAttribute("uploadError", refused.getMessage());
            return "redirect:/assets";
        }
    }

    @GetMapping("/{assetId}")
    String show(Actor actor, @PathVariable String assetId, Model model) {
        return page(actor, assetId, model, null);
    }

    private String page(Actor actor, String assetId, Model model, String indexError) {
        String account = actor.accountId();
        model.addAttribute("asset", assets.get(account, assetId));
        model.addAttribute("indexed", indexedAssets.placements(account, assetId,
                ApiPage.request(1, ApiPage.MAX_LIMIT, null, null)).data());
        model.addAttribute("indexes", indexes.list(account, IndexFilter.NONE));
        model.addAttribute("indexError", indexError);
        return "video/asset";
    }

    @PostMapping("/{assetId}/index")
    String index(Actor actor, @PathVariable String assetId, @RequestParam(name = "index_id", defaultValue = "") String indexId,
            @RequestParam(name = "enable_video_stream", defaultValue = "false") boolean stream, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        AssetView asset = assets.get(actor.accountId(), assetId);
        if (indexId.isBlank()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(actor, assetId, model, "Choose an index.");
        }
        try {
            indexedAssets.index(actor.accountId(), indexId, assetId, stream, null);
        } catch (InvalidInputException refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(actor, assetId, model, refused.getMessage());
        }
        redirect.addFlashAttribute("notice", asset.filename() + " is being indexed into "
                + indexes.get(actor.accountId(), indexId).name() + ".");
        return "redirect:/assets/" + assetId;
    }

    @PostMapping("/{assetId}/delete")
    String delete(Actor actor, @PathVariable String assetId,
            @RequestParam(defaultValue = "false") boolean force, RedirectAttributes redirect) {
        String filename = assets.get(actor.accountId(), assetId).filename();
        try {
            assets.delete(actor, assetId, force);
        } catch (ConflictException inUse) {
            redirect.addFlashAttribute("deleteError", inUse.getMessage());
            return "redirect:/assets/" + assetId;
        }
        redirect.addFlashAttribute("notice", filename + " was deleted.");
        return "redirect:/assets";
    }
}
