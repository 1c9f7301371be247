package io.atrium.integration;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.index.IndexFilter;
import io.atrium.index.IndexService;
import io.atrium.shared.Actor;
import io.atrium.shared.ConflictException;
import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Playground's S3 Integrations pages, for the active account: list, add, view with imports and their
 * progress, edit, delete. The same rules as {@code /api/v1/integrations} and the import endpoints.
 */
@Controller
@RequestMapping("/integrations")
class IntegrationsPageController {

    /** What the form posted, shown again next to its errors (never the secret). */
    record IntegrationForm(String name, String bucket, String region, String endpoint, String prefix,
            String accessKeyId) {

        static final IntegrationForm EMPTY = new IntegrationForm("", "", "us-east-1", "", "", "");

        static IntegrationForm of(IntegrationView view) {
            return new IntegrationForm(view.name(), view.bucket(), view.region(),
                    view.endpoint() == null ? "" : view.endpoint(), view.prefix(), "");
        }
    }

    /** The newest import's progress, for the page's script. */
    record Progress(String importId, int total, int finished, boolean ended, Map<String, Integer> videoStatus) {
    }

    private final IntegrationService integrations;
    private final ImportService imports;
    private final IndexService indexes;

    IntegrationsPageController(IntegrationService integrations, ImportService imports, IndexService indexes) {
        this.integrations = integrations;
        this.imports = imports;
        this.indexes = indexes;
    }

    @GetMapping
    String list(Actor actor, Model model) {
        model.addAttribute("integrations", integrations.list(actor.accountId()));
        return "integration/list";
    }

    @GetMapping("/new")
    String newIntegration(Model model) {
        return form(model, IntegrationForm.EMPTY, Map.of());
    }

    @PostMapping
    String create(Actor actor, IntegrationForm submitted,
            @RequestParam(name = "secretAccessKey", defaultValue = "") String secretAccessKey, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            IntegrationView created = integrations.create(actor,
                    command(submitted, secretAccessKey));
            redirect.addFlashAttribute("notice", "The integration " + created.name() + " was added: Atrium can read "
                    + "the bucket " + created.bucket() + ".");
            return "redirect:/integrations/" + created.id();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            keepTypedSecret(model, secretAccessKey);
            return form(model, submitted, e.messagesByField());
        }
    }

    @GetMapping("/{integrationId}")
    String show(Actor actor, @PathVariable String integrationId, Model model) {
        IntegrationView integration = integrations.get(actor.accountId(), integrationId);
        return page(actor, model, integration, IntegrationForm.of(integration), Map.of());
    }

    @PostMapping("/{integrationId}")
    String update(Actor actor, @PathVariable String integrationId,
            IntegrationForm submitted, @RequestParam(name = "secretAccessKey", defaultValue = "") String secretAccessKey,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        String account = actor.accountId();
        IntegrationView current = integrations.get(account, integrationId);
        try {
            integrations.update(actor, integrationId, new IntegrationCommand(submitted.name(),
                    submitted.bucket(), submitted.region(), submitted.endpoint() == null ? "" : submitted.endpoint(),
                    submitted.prefix() == null ? "" : submitted.prefix(),
                    blank(submitted.accessKeyId()) ? null : submitted.accessKeyId(),
                    blank(secretAccessKey) ? null : secretAccessKey));
            redirect.addFlashAttribute("notice", "The integration was saved.");
            return "redirect:/integrations/" + integrationId;
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            keepTypedSecret(model, secretAccessKey);
            return page(actor, model, current, submitted, e.messagesByField());
        }
    }

    @PostMapping("/{integrationId}/imports")
    String startImport(Actor actor, @PathVariable String integrationId,
            @RequestParam(defaultValue = "") String indexId, @RequestParam(defaultValue = "false") boolean incremental,
            @RequestParam(defaultValue = "false") boolean retryFailed, RedirectAttributes redirect) {
        String account = actor.accountId();
        integrations.get(account, integrationId);
        try {
            ImportService.ImportResult result = imports.start(actor, integrationId, indexId,
                    incremental, retryFailed, null);
            redirect.addFlashAttribute("notice", "Import started: " + result.videos().size() + " video"
                    + (result.videos().size() == 1 ? "" : "s") + " to import"
                    + (result.failedFiles().isEmpty() ? "." : ", " + result.failedFiles().size() + " file"
                            + (result.failedFiles().size() == 1 ? "" : "s") + " not imported (see the log)."));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("importError", e.getMessage());
        } catch (InvalidInputException e) {
            // The service names the API's parameter; on the page it is the index menu.
            redirect.addFlashAttribute("importError", e.problems().get(0).field().equals("index_id")
                    && e.hasCode("parameter_not_provided") ? "Choose the index to import into." : e.getMessage());
        }
        return "redirect:/integrations/" + integrationId;
    }

    @GetMapping(path = "/{integrationId}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Progress progress(Actor actor, @PathVariable String integrationId) {
        return imports.latest(actor.accountId(), integrationId)
                .map(latest -> new Progress(latest.importId(), latest.total(), latest.finished(),
                        latest.endedAt() != null, latest.videoStatus()))
                .orElse(new Progress(null, 0, 0, true, Map.of()));
    }

    @GetMapping("/{integrationId}/delete")
    String confirmDelete(Actor actor, @PathVariable String integrationId,
            Model model) {
        model.addAttribute("integration", integrations.get(actor.accountId(), integrationId));
        return "integration/delete";
    }

    @PostMapping("/{integrationId}/delete")
    String delete(Actor actor, @PathVariable String integrationId,
            RedirectAttributes redirect) {
        String account = actor.accountId();
        String name = integrations.get(account, integrationId).name();
        integrations.delete(actor, integrationId);
        redirect.addFlashAttribute("notice", "The integration " + name + " was deleted. Videos imported through it stay.");
        return "redirect:/integrations";
    }


    private String page(Actor actor, Model model, IntegrationView integration, IntegrationForm form,
            Map<String, String> errors) {
        String account = actor.accountId();
        model.addAttribute("integration", integration);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("indexes", indexes.list(account, IndexFilter.NONE));
        model.addAttribute("logs", imports.logs(account, integration.id()));
        return "integration/show";
    }

    private static String form(Model model, IntegrationForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "integration/new";
    }

    private static IntegrationCommand command(IntegrationForm form, String secretAccessKey) {
        return new IntegrationCommand(form.name(), form.bucket(), form.region(), form.endpoint(), form.prefix(),
                form.accessKeyId(), secretAccessKey);
    }

    /**
     * The secret the person typed, back in its field on the answer to the same post (which is not cached), so that
     * fixing another field does not mean typing it again. What is stored is never put on a page.
     */
    private static void keepTypedSecret(Model model, String secretAccessKey) {
        if (!blank(secretAccessKey)) {
            model.addAttribute("typedSecretAccessKey", secretAccessKey);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
