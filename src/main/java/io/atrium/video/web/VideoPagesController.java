package io.atrium.video.web;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.WebUtils;

import io.atrium.api.ApiPage;
import io.atrium.video.TaskView;
import io.atrium.video.VideoFilter;
import io.atrium.video.VideoService;
import io.atrium.video.VideoSummary;
import io.atrium.video.VideoTasks;
import io.atrium.video.VideoView;
import io.atrium.video.upload.MultipartReader;
import io.atrium.index.IndexService;
import io.atrium.index.IndexView;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.QuotaExceededException;
import io.atrium.video.upload.UploadBodies;
import io.atrium.video.upload.VideoLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Playground's pages for the videos of an index (of the active account): the list with uploads and their
 * live task status, one video with its player and metadata, and deletion. The upload form works without
 * JavaScript; with it, the page sends the file with a progress bar and asks for the task's status as it goes.
 */
@Controller
@RequestMapping("/indexes/{indexId}/videos")
class VideoPagesController {

    static final int PAGE_SIZE = 25;

    /** One row of the metadata form: a key, its value as typed, and whether it is text, a number or true/false. */
    record MetadataField(String key, String value, String type) {
    }

    /** What the upload answers to the page's script. */
    record UploadAnswer(String taskId, String videoId, String message) {
    }

    private final VideoService videos;
    private final VideoTasks tasks;
    private final IndexService indexes;
    private final VideoLimits limits;

    VideoPagesController(VideoService videos, VideoTasks tasks, IndexService indexes, VideoLimits limits) {
        this.videos = videos;
        this.tasks = tasks;
        this.indexes = indexes;
        this.limits = limits;
    }

    @GetMapping
    String list(Actor actor, @PathVariable String indexId,
            @RequestParam(defaultValue = "1") int page, Model model) {
        String account = actor.accountId();
        IndexView index = indexes.get(account, indexId);
        ApiPage<VideoSummary> listed = videos.list(account, indexId, VideoFilter.NONE,
                ApiPage.request(Math.max(page, 1), PAGE_SIZE, "created_at", "desc"));
        int pages = Math.max(1, listed.pageInfo().totalPage());
        model.addAttribute("index", index);
        model.addAttribute("videos", listed.data());
        model.addAttribute("thumbnails", videos.thumbnailLinks(account, listed.data().stream().map(VideoSummary::id).toList()));
        model.addAttribute("videoTotal", listed.pageInfo().totalResults());
        model.addAttribute("page", Math.max(page, 1));
        model.addAttribute("pages", pages);
        model.addAttribute("tasks", tasks.unfinished(account, indexId));
        model.addAttribute("maxFileSize", limits.maxFileSize());
        return "video/list";
    }

    /**
     * Takes the upload from the form. The page's script asks for JSON (and shows a progress bar) and sends its
     * CSRF token as a header, so nothing has read the body yet: it is read here as it arrives, the file going
     * straight to storage, as for {@code POST /v1.3/tasks}. A plain form post (no script) carries the token inside
     * the body, which the servlet container has therefore parsed already; its file is taken from there. Either way
     * a plain form post is redirected back to the list.
     */
    @PostMapping
    Object upload(Actor actor, @PathVariable String indexId,
            HttpServletRequest request, @RequestHeader(name = "Accept", defaultValue = "") String accept,
            @RequestHeader(name = "X-CSRF-TOKEN", required = false) String tokenHeader, RedirectAttributes redirect)
            throws IOException {
        String account = actor.accountId();
        boolean script = accept.contains(MediaType.APPLICATION_JSON_VALUE);
        List<String> filenames = new ArrayList<>();
        VideoTasks.CreatedTask created = null;
        try {
            List<VideoTasks.StoredUpload> stored = tokenHeader != null
                    ? Optional.ofNullable(streamedFile(account, indexId, request)).map(List::of).orElse(List.of())
                    : parsedFiles(account, indexId, request);
            if (stored.isEmpty()) {
                indexes.get(account, indexId);
                throw new InvalidInputException("video_file", "parameter_not_provided", "Choose a video file to upload.");
            }
            for (int i = 0; i < stored.size(); i++) {
                try {
                    created = tasks.queue(stored.get(i), indexId, true, null);
                    filenames.add(stored.get(i).filename());
                } catch (RuntimeException refused) {
                    // the refused file is gone already; the files after it are not queued either
                    stored.subList(i + 1, stored.size()).forEach(tasks::discard);
                    throw refused;
                }
            }
        } catch (InvalidInputException refused) {
            if (script) {
                return ResponseEntity.status(refused instanceof QuotaExceededException ? HttpStatus.TOO_MANY_REQUESTS
                        : HttpStatus.BAD_REQUEST).body(new UploadAnswer(null, null, refused.getMessage()));
            }
            if (!filenames.isEmpty()) {
                redirect.addFlashAttribute("notice", uploaded(filenames));
            }
            redirect.addFlashAttribute("uploadError", refused.getMessage());
            return "redirect:/indexes/" + indexId + "/videos";
        }
        String message = uploaded(filenames);
        if (script) {
            return ResponseEntity.status(HttpStatus.CREATED).body(new UploadAnswer(created.taskId(), created.videoId(), message));
        }
        redirect.addFlashAttribute("notice", message);
        return "redirect:/indexes/" + indexId + "/videos";
    }

    private static String uploaded(List<String> filenames) {
        return filenames.size() == 1 ? filenames.get(0) + " was uploaded and is being checked."
                : String.join(", ", filenames.subList(0, filenames.size() - 1)) + " and "
                        + filenames.get(filenames.size() - 1) + " were uploaded and are being checked.";
    }

    /** The file of a body nothing has read yet, stored as it arrives; {@code null} when no file was chosen. */
    private VideoTasks.StoredUpload streamedFile(String account, String indexId, HttpServletRequest request)
            throws IOException {
        MultipartReader form = UploadBodies.open(request, limits);
        VideoTasks.StoredUpload stored = null;
        try {
            for (MultipartReader.Part part = form.next(); part != null; part = form.next()) {
                // the form's other fields (its CSRF token) are skipped, as is any second file
                if (part.name().equals("video_file") && stored == null) {
                    stored = UploadBodies.nonEmpty(tasks, tasks.store(account, indexId, part.filename(), part.content()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw UploadBodies.discarding(stored, tasks::discard, UploadBodies.refusal(e));
        }
        return stored;
    }

    /**
     * The files of a body the servlet container has parsed (a form posted without the page's script may carry
     * several); empty when no file was chosen. If one cannot be stored, those stored before it are deleted.
     */
    private List<VideoTasks.StoredUpload> parsedFiles(String account, String indexId, HttpServletRequest request)
            throws IOException {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        List<VideoTasks.StoredUpload> stored = new ArrayList<>();
        if (multipart == null) {
            return stored;
        }
        try {
            for (MultipartFile file : multipart.getFiles("video_file")) {
                if (!file.isEmpty()) {
                    try (InputStream content = file.getInputStream()) {
                        stored.add(tasks.store(account, indexId, file.getOriginalFilename(), content));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            stored.forEach(tasks::discard);
            throw e;
        }
        return stored;
    }

    /** The unfinished and failed uploads of the index, for the list page's script to follow. */
    @GetMapping(path = "/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<TaskView> unfinishedTasks(Actor actor, @PathVariable String indexId) {
        String account = actor.accountId();
        indexes.get(account, indexId);
        return tasks.unfinished(account, indexId);
    }

    @PostMapping("/tasks/{taskId}/dismiss")
    String dismissTask(Actor actor, @PathVariable String indexId,
            @PathVariable String taskId, RedirectAttributes redirect) {
        tasks.delete(actor.accountId(), taskId);
        redirect.addFlashAttribute("notice", "The failed upload was dismissed.");
        return "redirect:/indexes/" + indexId + "/videos";
    }

    @GetMapping("/{videoId}")
    String show(Actor actor, @PathVariable String indexId,
            @PathVariable String videoId, Model model) {
        String account = actor.accountId();
        VideoView video = videos.get(account, indexId, videoId);
        return page(model, indexes.get(account, indexId), video, fields(video.userMetadata()), Map.of());
    }

    /**
     * Saves the metadata form: rows left with an empty key are ignored, a key that was there and is gone (or
     * ticked for removal) is removed, every other row is set with the type chosen for it.
     */
    @PostMapping("/{videoId}/metadata")
    String saveMetadata(Actor actor, @PathVariable String indexId,
            @PathVariable String videoId, @RequestParam(name = "key", required = false) List<String> keys,
            @RequestParam(name = "value", required = false) List<String> values,
            @RequestParam(name = "type", required = false) List<String> types,
            @RequestParam(name = "remove", required = false) List<String> removed, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        String account = actor.accountId();
        VideoView video = videos.get(account, indexId, videoId);
        List<MetadataField> submitted = new ArrayList<>();
        for (int i = 0; keys != null && i < keys.size(); i++) {
            String key = keys.get(i).strip();
            if (!key.isEmpty()) {
                submitted.add(new MetadataField(key, at(values, i), at(types, i).isEmpty() ? "text" : at(types, i)));
            }
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> changes = new LinkedHashMap<>();
        video.userMetadata().keySet().forEach(key -> changes.put(key, null));
        List<String> removals = removed == null ? List.of() : removed;
        for (MetadataField field : submitted) {
            if (removals.contains(field.key())) {
                continue;
            }
            if (changes.containsKey(field.key()) && changes.get(field.key()) != null) {
                errors.putIfAbsent("user_metadata", "The key " + field.key() + " appears twice.");
                continue;
            }
            Object value = typed(field, errors);
            if (value != null) {
                changes.put(field.key(), value);
            }
        }
        if (errors.isEmpty()) {
            try {
                videos.mergeMetadata(account, indexId, videoId, changes);
                redirect.addFlashAttribute("notice", "The metadata was saved.");
                return "redirect:/indexes/" + indexId + "/videos/" + videoId;
            } catch (InvalidInputException e) {
                errors.putAll(e.messagesByField());
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return page(model, indexes.get(account, indexId), video, submitted, errors);
    }

    @GetMapping("/{videoId}/delete")
    String confirmDelete(Actor actor, @PathVariable String indexId,
            @PathVariable String videoId, Model model) {
        String account = actor.accountId();
        model.addAttribute("index", indexes.get(account, indexId));
        model.addAttribute("video", videos.get(account, indexId, videoId));
        return "video/delete";
    }

    @PostMapping("/{videoId}/delete")
    String delete(Actor actor, @PathVariable String indexId,
            @PathVariable String videoId, RedirectAttributes redirect) {
        String account = actor.accountId();
        String filename = videos.get(account, indexId, videoId).filename();
        videos.delete(actor, indexId, videoId);
        redirect.addFlashAttribute("notice", filename + " was deleted.");
        return "redirect:/indexes/" + indexId + "/videos";
    }


    private static String page(Model model, IndexView index, VideoView video, List<MetadataField> fields,
            Map<String, String> errors) {
        model.addAttribute("index", index);
        model.addAttribute("video", video);
        model.addAttribute("fields", fields);
        model.addAttribute("errors", errors);
        return "video/show";
    }

    private static List<MetadataField> fields(Map<String, Object> metadata) {
        return metadata.entrySet().stream().map(entry -> new MetadataField(entry.getKey(), String.valueOf(entry.getValue()),
                entry.getValue() instanceof Boolean ? "boolean" : entry.getValue() instanceof Number ? "number" : "text"))
                .toList();
    }

    /** The value as the type chosen for it; {@code null} (with an error) when it is not of that type. */
    private static Object typed(MetadataField field, Map<String, String> errors) {
        String value = field.value().strip();
        switch (field.type()) {
            case "number" -> {
                try {
                    BigDecimal number = new BigDecimal(value);
                    return number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                            ? (Object) number.longValueExact() : (Object) number.doubleValue();
                } catch (NumberFormatException e) {
                    errors.putIfAbsent("user_metadata", "The value of " + field.key() + " must be a number, such as 42 or 3.5.");
                    return null;
                }
            }
            case "boolean" -> {
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(value.toLowerCase());
                }
                errors.putIfAbsent("user_metadata", "The value of " + field.key() + " must be true or false.");
                return null;
            }
            default -> {
                return field.value();
            }
        }
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
    }
}
