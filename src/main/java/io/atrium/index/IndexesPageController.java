package io.atrium.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;

/** The Playground's Indexes pages, for the active account: list, create, view, rename, delete. */
@Controller
@RequestMapping("/indexes")
class IndexesPageController {

    /** What the create form posted, to show it again next to its errors. */
    record IndexForm(String name, List<String> models, List<String> marengoOptions, List<String> pegasusOptions,
            boolean thumbnail) {
    }

    private final IndexService indexes;

    IndexesPageController(IndexService indexes) {
        this.indexes = indexes;
    }

    @GetMapping
    String list(Actor actor, Model model) {
        model.addAttribute("indexes", indexes.list(actor.accountId(), IndexFilter.NONE));
        return "index/list";
    }

    @GetMapping("/new")
    String newIndex(Model model) {
        return form(model, new IndexForm("", List.of("marengo3.0"), List.of("visual", "audio"), List.of("visual", "audio"),
                false), Map.of());
    }

    @PostMapping
    String create(Actor actor, @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) List<String> models,
            @RequestParam(required = false) List<String> marengoOptions,
            @RequestParam(required = false) List<String> pegasusOptions,
            @RequestParam(defaultValue = "false") boolean thumbnail, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        IndexForm submitted = new IndexForm(name, orEmpty(models), orEmpty(marengoOptions), orEmpty(pegasusOptions), thumbnail);
        List<IndexModel> chosen = new ArrayList<>();
        if (submitted.models().contains("marengo3.0")) {
            chosen.add(new IndexModel("marengo3.0", submitted.marengoOptions()));
        }
        if (submitted.models().contains("pegasus1.2")) {
            chosen.add(new IndexModel("pegasus1.2", submitted.pegasusOptions()));
        }
        try {
            IndexView index = indexes.create(actor,
                    new CreateIndexCommand(name, chosen, thumbnail ? List.of("thumbnail") : List.of()));
            redirect.addFlashAttribute("notice", "Index " + index.name() + " was created. Upload its first videos.");
            // videos first: a new index is empty, and filling it is what comes next
            return "redirect:/indexes/" + index.id() + "/videos";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, submitted, e.messagesByField());
        }
    }

    @GetMapping("/{indexId}")
    String show(Actor actor, @PathVariable String indexId, Model model) {
        return page(model, indexes.get(actor.accountId(), indexId), null, Map.of());
    }

    @PostMapping("/{indexId}/name")
    String rename(Actor actor, @PathVariable String indexId,
            @RequestParam(defaultValue = "") String name, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        String account = actor.accountId();
        try {
            indexes.rename(account, indexId, name);
            redirect.addFlashAttribute("notice", "The index was renamed.");
            return "redirect:/indexes/" + indexId;
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model, indexes.get(account, indexId), name, e.messagesByField());
        }
    }

    @GetMapping("/{indexId}/delete")
    String confirmDelete(Actor actor, @PathVariable String indexId, Model model) {
        model.addAttribute("index", indexes.get(actor.accountId(), indexId));
        return "index/delete";
    }

    @PostMapping("/{indexId}/delete")
    String delete(Actor actor, @PathVariable String indexId,
            RedirectAttributes redirect) {
        String account = actor.accountId();
        String name = indexes.get(account, indexId).name();
        indexes.delete(actor, indexId);
        redirect.addFlashAttribute("notice", "Index " + name + " was deleted with its videos.");
        return "redirect:/indexes";
    }


    private static String form(Model model, IndexForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "index/new";
    }

    private static String page(Model model, IndexView index, String submittedName, Map<String, String> errors) {
        model.addAttribute("index", index);
        model.addAttribute("submittedName", submittedName);
        model.addAttribute("errors", errors);
        return "index/show";
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
