package io.atrium.video.web;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.atrium.api.ApiPage;
import io.atrium.index.IndexFilter;
import io.atrium.index.IndexService;
import io.atrium.index.IndexView;
import io.atrium.shared.Actor;
import io.atrium.video.TaskFilter;
import io.atrium.video.TaskView;
import io.atrium.video.VideoTasks;

/** The Playground's Tasks page: every upload of the active account, newest first, with its status. */
@Controller
class TasksPageController {

    static final int PAGE_SIZE = 50;

    private final VideoTasks tasks;
    private final IndexService indexes;

    TasksPageController(VideoTasks tasks, IndexService indexes) {
        this.tasks = tasks;
        this.indexes = indexes;
    }

    @GetMapping("/tasks")
    String list(Actor actor, @RequestParam(defaultValue = "1") int page,
            Model model) {
        String account = actor.accountId();
        ApiPage<TaskView> first = tasks.list(account, TaskFilter.NONE, new ApiPage.Request(Math.max(page, 1), PAGE_SIZE,
                "created_at", true));
        int pages = Math.max(1, first.pageInfo().totalPage());
        // A page past the end (the list shrank since the link was made) shows the last page instead.
        ApiPage<TaskView> shown = first.pageInfo().page() <= pages ? first
                : tasks.list(account, TaskFilter.NONE, new ApiPage.Request(pages, PAGE_SIZE, "created_at", true));
        Map<String, String> indexNames = indexes.list(account, IndexFilter.NONE).stream()
                .collect(Collectors.toMap(IndexView::id, IndexView::name, (a, b) -> a));
        model.addAttribute("tasks", shown.data());
        model.addAttribute("indexNames", indexNames);
        model.addAttribute("page", shown.pageInfo().page());
        model.addAttribute("pages", pages);
        return "video/tasks";
    }
}
