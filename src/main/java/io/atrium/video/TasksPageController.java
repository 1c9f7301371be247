package io.atrium.video;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.atrium.account.AtriumPrincipal;
import io.atrium.index.IndexFilter;
import io.atrium.index.IndexService;
import io.atrium.index.IndexView;
import io.atrium.organization.ActiveAccounts;

/** The Playground's Tasks page: every upload of the active account, newest first, with its status. */
@Controller
class TasksPageController {

    static final int PAGE_SIZE = 50;

    private final VideoTasks tasks;
    private final IndexService indexes;
    private final ActiveAccounts activeAccounts;

    TasksPageController(VideoTasks tasks, IndexService indexes, ActiveAccounts activeAccounts) {
        this.tasks = tasks;
        this.indexes = indexes;
        this.activeAccounts = activeAccounts;
    }

    @GetMapping("/tasks")
    String list(@AuthenticationPrincipal AtriumPrincipal principal, @RequestParam(defaultValue = "1") int page,
            Model model) {
        String account = activeAccounts.of(principal.userId()).id();
        List<TaskView> all = tasks.list(account);
        int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(page, 1), pages);
        int from = (current - 1) * PAGE_SIZE;
        Map<String, String> indexNames = indexes.list(account, IndexFilter.NONE).stream()
                .collect(Collectors.toMap(IndexView::id, IndexView::name, (a, b) -> a));
        model.addAttribute("tasks", all.subList(from, Math.min(from + PAGE_SIZE, all.size())));
        model.addAttribute("indexNames", indexNames);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        return "video/tasks";
    }
}
