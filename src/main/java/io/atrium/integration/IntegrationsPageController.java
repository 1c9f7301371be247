package io.atrium.integration;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.account.AtriumPrincipal;
import io.atrium.index.IndexFilter;
import io.atrium.index.IndexService;
import io.atrium.organization.ActiveAccount;
import io.atrium.organization.ActiveAccounts;
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
    private final ActiveAccounts activeAccounts;

    IntegrationsPageController(IntegrationService integrations, ImportService imports, IndexService indexes,
            ActiveAccounts activeAccounts) {
        this.integrations = integrations;
        this.imports = imports;
        this.indexes = indexes;
        this.activeAccounts = activeAccounts;
    }

    @GetMapping
    String list(@AuthenticationPrincipal AtriumPrincipal principal, Model model) {
        model.addAttribute("integrations", integrations.list(active(principal).id()));
        return "integration/list";
    }

    @GetMapping("/new")
    String newIntegration(Model model) {
        return form(model, IntegrationForm.EMPTY, Map.of());
    }

    @PostMapping
    String create(@AuthenticationPrincipal AtriumPrincipal principal, IntegrationForm submitted,
            @RequestParam(name = "secretAccessKey", defaultValue = "") String secretAccessKey, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            IntegrationView created = integrations.create(active(principal).id(), principal.userId(),
                    command(submitted, secretAccessKey));
            redirect.addFlashAttribute("notice", "The integration " + created.name() + " was added: Atrium can read "
                    + "the bucket " + created.bucket() + ".");
            return "redirect:/integrations/" + created.id();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, submitted, e.messagesByField());
        }
    }

    @GetMapping("/{integrationId}")
    String show(@AuthenticationPrincipal AtriumPrincipal principal, @PathVariable String integrationId, Model model) {
        IntegrationView integration = integrations.get(active(principal).id(), integrationId);
        return page(principal, model, integration, IntegrationForm.of(integration), Map.of());
    }

    @PostMapping("/{integrationId}")
    String update(@AuthenticationPrincipal AtriumPrincipal principal, @PathVariable String integrationId,
            IntegrationForm submitted, @RequestParam(name = "secretAccessKey", defaultValue = "") String secretAccessKey,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        String account = active(principal).id();
        IntegrationView current = integrations.get(account, integrationId);
        try {
            integrations.update(account, principal.userId(), integrationId, new IntegrationCommand(submitted.name(),
                    submitted.bucket(), submitted.region(), submitted.endpoint() == null ? "" : submitted.endpoint(),
                    submitted.prefix() == null ? "" : submitted.prefix(),
                    blank(submitted.accessKeyId()) ? null : submitted.accessKeyId(),
                    blank(secretAccessKey) ? null : secretAccessKey));
            redirect.addFlashAttribute("notice", "The integration was saved.");
            return "redirect:/integrations/" + integrationId;
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(principal, model, current, submitted, e.messagesByField());
        }
    }

    @PostMapping("/{integrationId}/imports")
    String startImport(@AuthenticationPrincipal AtriumPrincipal principal, @PathVariable String integrationId,
            @RequestParam(defaultValue = "") String indexId, @RequestParam(defaultValue = "false") boolean incremental,
            @RequestParam(defaultValue = "false") boolean retryFailed, RedirectAttributes redirect) {
        String account = active(principal).id();
        integrations.get(account, integrationId);
        try {
            ImportService.ImportResult result = imports.start(account, principal.userId(), integrationId, indexId,
                    incremental, retryFailed, null);
            redirect.addFlashAttribute("notice", "Import started: " + result.videos().size() + " video"
                    + (result.videos().size() == 1 ? "" : "s") + " to import"
                    + (result.failedFiles().isEmpty() ? "." : ", " + result.failedFiles().size() + " file"
                            + (result.failedFiles().size() == 1 ? "" : "s") + " not imported (see the log)."));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("importError", e.getMessage());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("importError", e.getMessage());
        }
        return "redirect:/integrations/" + integrationId;
    }

    @GetMapping(path = "/{integrationId}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Progress progress(@AuthenticationPrincipal AtriumPrincipal principal, @PathVariable String integrationId) {
        return imports.latest(active(principal).id(), integrationId)
                .map(latest -> new Progress(latest.importId(), latest.total(), latest.finished(),
                        latest.endedAt() != null, latest.videoStatus()))
                .orElse(new Progress(null, 0, 0, true, Map.of()));
    }

    @GetMapping("/{integrationId}/delete")
    String confirmDelete(@AuthenticationPrincipal AtriumPrincipal principal, @PathVariable String integrationId,
            Model model) {
        model.addAttribute("integration", integrations.get(active(principal).id(), integrationId));
        return "integration/delete";
    }

    @PostMapping("/{integrationId}/delete")
    String delete(@AuthenticationPrincipal AtriumPrincipal principal, @PathVariable String integrationId,
            RedirectAttributes redirect) {
        String account = active(principal).id();
        String name = integrations.get(account, integrationId).name();
        integrations.delete(account, principal.userId(), integrationId);
        redirect.addFlashAttribute("notice", "The integration " + name + " was deleted. Videos imported through it stay.");
        return "redirect:/integrations";
    }

    private ActiveAccount active(AtriumPrincipal principal) {
        return activeAccounts.of(principal.userId());
    }

    private String page(AtriumPrincipal principal, Model model, IntegrationView integration, IntegrationForm form,
            Map<String, String> errors) {
        String account = active(principal).id();
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

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
