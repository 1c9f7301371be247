package io.atrium.apikey;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import io.atrium.shared.NotFoundException;
import io.atrium.shared.ServerSecret;
import jakarta.servlet.http.HttpServletResponse;

/** Settings > API Keys of the active account (R-KEY-1, R-KEY-2, issue 17: scopes, organization keys, rotation). */
@Controller
@RequestMapping("/settings/api-keys")
class ApiKeysPageController {

    /** What a new key is sealed for while it waits in the session for the page that shows it. */
    private static final String NEW_KEY_PURPOSE = "new-api-key";

    private final ApiKeyService keys;
    private final ServerSecret secret;
    private final Clock clock;

    ApiKeysPageController(ApiKeyService keys, ServerSecret secret, Clock clock) {
        this.secret = secret;
        this.keys = keys;
        this.clock = clock;
    }

    @GetMapping
    String list(Actor actor, Model model) {
        Object sealedKey = model.asMap().get("createdKeySealed");
        if (sealedKey instanceof String sealed) {
            model.addAttribute("createdKeyValue", secret.open(NEW_KEY_PURPOSE, actor.userId(), sealed));
        }
        return page(actor, model, Form.EMPTY, Map.of());
    }

    /** What the create form holds, to show it again with its errors. */
    record Form(String name, String expiration, String expiresOn, List<String> scopes, boolean organizationKey,
            String role, String allowedAddresses) {

        static final Form EMPTY = new Form("", "12", "", ApiKeyService.grantableByPerson().stream()
                .map(ApiKeyScope::value).toList(), false, "member", "");
    }

    @PostMapping
    String create(Actor actor, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "12") String expiration, @RequestParam(defaultValue = "") String expiresOn,
            @RequestParam(name = "scope", required = false) List<String> scopes,
            @RequestParam(defaultValue = "false") boolean scopesOnForm,
            @RequestParam(defaultValue = "false") boolean organizationKey, @RequestParam(defaultValue = "member") String role,
            @RequestParam(defaultValue = "") String allowedAddresses,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        List<String> chosen = scopes == null ? List.of() : scopes;
        Form form = new Form(name, expiration, expiresOn, chosen, organizationKey, role, allowedAddresses);
        try {
            if (scopesOnForm && chosen.isEmpty()) {
                // On the form, no box ticked is a choice to correct; a post without the boxes gets every scope.
                throw new InvalidInputException("scopes", "parameter_invalid", "Choose at least one scope.");
            }
            CreatedApiKey created = keys.create(actor, new NewApiKey(name, expiry(expiration, expiresOn), chosen,
                    organizationKey ? role : null, List.of(allowedAddresses)), ApiKeyService.grantableByPerson());
            showOnce(actor, redirect, "Your new key: " + created.key().name(), created.value());
            return "redirect:/settings/api-keys";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(actor, model, form, e.messagesByField());
        }
    }

    @GetMapping("/{id}/rotate")
    String confirmRotate(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("key", activeKey(actor, id));
        model.addAttribute("graceChoices", GRACE_CHOICES);
        model.addAttribute("grace", "24");
        return "apikey/rotate";
    }

    @PostMapping("/{id}/rotate")
    String rotate(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "") String grace, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            if (!GRACE_CHOICES.containsKey(grace)) {
                throw new InvalidInputException("grace", "parameter_invalid", "Choose how long the old secret keeps working.");
            }
            CreatedApiKey rotated = keys.rotate(actor, id, Integer.parseInt(grace));
            showOnce(actor, redirect, "New secret for " + rotated.key().name(), rotated.value());
            redirect.addFlashAttribute("notice", rotated.key().oldSecretValidUntil() == null
                    ? "The key " + rotated.key().name() + " has a new secret. The old one no longer works."
                    : "The key " + rotated.key().name() + " has a new secret. The old one works until "
                            + ApiKeysPageController.utc(rotated.key().oldSecretValidUntil()) + " (UTC).");
            return "redirect:/settings/api-keys";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("key", activeKey(actor, id));
            model.addAttribute("graceChoices", GRACE_CHOICES);
            model.addAttribute("grace", grace);
            model.addAttribute("errors", e.messagesByField());
            return "apikey/rotate";
        }
    }

    /** How long the old secret may keep working, as the rotate form offers it. */
    private static final Map<String, String> GRACE_CHOICES = grace();

    private static Map<String, String> grace() {
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put("0", "Stop it now");
        choices.put("1", "1 hour");
        choices.put("24", "24 hours");
        choices.put("72", "3 days");
        choices.put("168", "7 days");
        return choices;
    }

    private static String utc(Instant instant) {
        return DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC).format(instant);
    }

    /**
     * Shown on the next page only: a flash attribute lives for exactly one request. The flash map travels in the
     * (database-backed) session, so the key goes there sealed with the master secret, which the database does not
     * hold; plain strings, so that nothing else need be serialized.
     */
    private void showOnce(Actor actor, RedirectAttributes redirect, String heading, String value) {
        redirect.addFlashAttribute("createdKeyHeading", heading);
        redirect.addFlashAttribute("createdKeySealed", secret.seal(NEW_KEY_PURPOSE, actor.userId(), value));
    }

    private ApiKeyView activeKey(Actor actor, String id) {
        return keys.list(actor).stream()
                .filter(key -> key.id().equals(id) && key.active()).findFirst()
                .orElseThrow(() -> new NotFoundException("API key"));
    }

    @GetMapping("/{id}/revoke")
    String confirmRevoke(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("key", activeKey(actor, id));
        return "apikey/revoke";
    }

    @PostMapping("/{id}/revoke")
    String revoke(Actor actor, @PathVariable String id,
            RedirectAttributes redirect) {
        ApiKeyView key = keys.revoke(actor, id);
        redirect.addFlashAttribute("notice", "The key " + key.name() + " was revoked. Programs using it are refused from now on.");
        return "redirect:/settings/api-keys";
    }

    /** 1, 3, 6 or 12 months from now, or through the end of a chosen day (UTC). */
    private Instant expiry(String expiration, String expiresOn) {
        switch (expiration) {
            case "1", "3", "6", "12" -> {
                return clock.instant().atZone(ZoneOffset.UTC).plusMonths(Integer.parseInt(expiration)).toInstant();
            }
            case "custom" -> {
                try {
                    return LocalDate.parse(expiresOn).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeException unparsableOrBeyondTheCalendar) {
                    throw new InvalidInputException("expiresOn", "parameter_invalid", "Choose a date.");
                }
            }
            default -> throw new InvalidInputException("expiration", "parameter_invalid", "Choose an expiration period.");
        }
    }

    private String page(Actor actor, Model model, Form form, Map<String, String> errors) {
        List<ApiKeyView> all = keys.list(actor);
        model.addAttribute("keys", all.stream().filter(key -> !key.organizationKey()).toList());
        model.addAttribute("organizationKeys", all.stream().filter(ApiKeyView::organizationKey).toList());
        model.addAttribute("mayCreateOrganizationKeys", actor.admin() && !actor.personal());
        model.addAttribute("form", form);
        model.addAttribute("allScopes", ApiKeyScope.values());
        model.addAttribute("name", form.name());
        model.addAttribute("expiration", form.expiration());
        model.addAttribute("expiresOn", form.expiresOn());
        model.addAttribute("errors", translate(errors));
        model.addAttribute("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        return "apikey/list";
    }

    /** The service names fields as the API does; this form names them after its own fields. */
    private static Map<String, String> translate(Map<String, String> errors) {
        Map<String, String> translated = new LinkedHashMap<>(errors);
        rename(translated, "expires_at", "expiresOn");
        rename(translated, "allowed_addresses", "allowedAddresses");
        rename(translated, "organization_role", "role");
        return translated;
    }

    private static void rename(Map<String, String> errors, String from, String to) {
        if (errors.containsKey(from)) {
            errors.put(to, errors.remove(from));
        }
    }
}
