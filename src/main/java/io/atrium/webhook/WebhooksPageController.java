package io.atrium.webhook;

import java.util.Arrays;
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

import io.atrium.api.ApiPage;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.ServerSecret;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Settings > Webhooks of the active account, for its administrators (the owner of a personal account); hidden (404)
 * from members, like the other admin pages.
 */
@Controller
@RequestMapping("/settings/webhooks")
class WebhooksPageController {

    /** What a new secret is sealed for while it waits in the session for the page that shows it. */
    private static final String NEW_SECRET_PURPOSE = "new-webhook-secret";
    private static final int DELIVERIES_PER_PAGE = 20;

    /** An event type with its words, for the form's checkboxes. */
    record EventChoice(String type, String label) {
    }

    /** What the endpoint form holds, as given (after an error) or as stored. */
    record EndpointForm(String url, String description, List<String> events, boolean enabled) {
    }

    private final WebhookService webhooks;
    private final ServerSecret secret;

    WebhooksPageController(WebhookService webhooks, ServerSecret secret) {
        this.webhooks = webhooks;
        this.secret = secret;
    }

    @GetMapping
    String list(Actor actor, Model model) {
        return listPage(actor, model, new EndpointForm("", "", List.of(), true), Map.of());
    }

    @PostMapping
    String create(Actor actor, @RequestParam(defaultValue = "") String url,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(name = "events", required = false) List<String> events, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        List<String> chosen = events == null ? List.of() : events;
        try {
            CreatedWebhook created = webhooks.create(actor, new WebhookCommand(url, chosen, description, true));
            // Shown on the next page only, sealed while it waits in the session (as a new API key is).
            redirect.addFlashAttribute("createdSecretSealed", secret.seal(NEW_SECRET_PURPOSE, actor.userId(), created.secret()));
            redirect.addFlashAttribute("notice", "The endpoint was added.");
            return "redirect:/settings/webhooks/" + created.webhook().id();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return listPage(actor, model, new EndpointForm(url, description, chosen, true), e.messagesByField());
        }
    }

    @GetMapping("/{id}")
    String show(Actor actor, @PathVariable String id, @RequestParam(required = false) Integer page, Model model) {
        WebhookView webhook = webhooks.get(actor, id);
        return showPage(actor, model, webhook, new EndpointForm(webhook.url(), webhook.description(), webhook.events(),
                webhook.enabled()), Map.of(), page);
    }

    @PostMapping("/{id}")
    String update(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "") String url,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(name = "events", required = false) List<String> events,
            @RequestParam(defaultValue = "false") boolean enabled, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        List<String> chosen = events == null ? List.of() : events;
        try {
            webhooks.update(actor, id, new WebhookCommand(url, chosen, description, enabled));
            redirect.addFlashAttribute("notice", "The endpoint was saved.");
            return "redirect:/settings/webhooks/" + id;
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showPage(actor, model, webhooks.get(actor, id), new EndpointForm(url, description, chosen, enabled),
                    e.messagesByField(), null);
        }
    }

    @PostMapping("/{id}/test")
    String test(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        webhooks.sendTest(actor, id);
        redirect.addFlashAttribute("notice", "A webhook.test message is on its way: its delivery is listed below.");
        return "redirect:/settings/webhooks/" + id;
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/resend")
    String resend(Actor actor, @PathVariable String id, @PathVariable String deliveryId, RedirectAttributes redirect) {
        webhooks.resend(actor, id, deliveryId);
        redirect.addFlashAttribute("notice", "The message is sent again, as a new delivery listed below.");
        return "redirect:/settings/webhooks/" + id;
    }

    @GetMapping("/{id}/rotate-secret")
    String confirmRotate(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("webhook", webhooks.get(actor, id));
        return "webhook/rotate";
    }

    @PostMapping("/{id}/rotate-secret")
    String rotate(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        String newSecret = webhooks.rotateSecret(actor, id);
        redirect.addFlashAttribute("createdSecretSealed", secret.seal(NEW_SECRET_PURPOSE, actor.userId(), newSecret));
        redirect.addFlashAttribute("notice", "The signing secret was replaced; the old one no longer signs anything.");
        return "redirect:/settings/webhooks/" + id;
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("webhook", webhooks.get(actor, id));
        return "webhook/delete";
    }

    @PostMapping("/{id}/delete")
    String delete(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        WebhookView webhook = webhooks.get(actor, id);
        webhooks.delete(actor, id);
        redirect.addFlashAttribute("notice", "The endpoint " + webhook.url() + " was deleted with its delivery log.");
        return "redirect:/settings/webhooks";
    }

    private String listPage(Actor actor, Model model, EndpointForm form, Map<String, String> errors) {
        model.addAttribute("webhooks", webhooks.list(actor));
        model.addAttribute("form", form);
        model.addAttribute("choices", choices());
        model.addAttribute("errors", errors);
        return "webhook/list";
    }

    private String showPage(Actor actor, Model model, WebhookView webhook, EndpointForm form,
            Map<String, String> errors, Integer page) {
        Object sealed = model.asMap().get("createdSecretSealed");
        if (sealed instanceof String sealedSecret) {
            model.addAttribute("createdSecret", secret.open(NEW_SECRET_PURPOSE, actor.userId(), sealedSecret));
        }
        ApiPage<DeliveryView> deliveries = webhooks.deliveries(actor, webhook.id(),
                ApiPage.request(page == null || page < 1 ? 1 : page, DELIVERIES_PER_PAGE, null, null));
        model.addAttribute("webhook", webhook);
        model.addAttribute("form", form);
        model.addAttribute("choices", choices());
        model.addAttribute("errors", errors);
        model.addAttribute("deliveries", deliveries);
        return "webhook/show";
    }

    private static List<EventChoice> choices() {
        return Arrays.stream(WebhookEvent.values()).map(event -> new EventChoice(event.type(), event.label())).toList();
    }
}
