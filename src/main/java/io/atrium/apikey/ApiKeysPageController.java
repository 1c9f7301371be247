package io.atrium.apikey;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

/** Settings > API Keys of the active account (R-KEY-1, R-KEY-2). */
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
        return page(actor, model, "", "12", "", Map.of());
    }

    @PostMapping
    String create(Actor actor, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "12") String expiration, @RequestParam(defaultValue = "") String expiresOn,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            CreatedApiKey created = keys.create(actor, name, expiry(expiration, expiresOn));
            // Shown on the next page only: a flash attribute lives for exactly one request. The flash map travels
            // in the (database-backed) session, so the key goes there sealed with the master secret, which the
            // database does not hold; plain strings, so that nothing else need be serialized.
            redirect.addFlashAttribute("createdKeyName", created.key().name());
            redirect.addFlashAttribute("createdKeySealed", secret.seal(NEW_KEY_PURPOSE, actor.userId(), created.value()));
            return "redirect:/settings/api-keys";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(actor, model, name, expiration, expiresOn, e.messagesByField());
        }
    }

    @GetMapping("/{id}/revoke")
    String confirmRevoke(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("key", keys.list(actor).stream()
                .filter(key -> key.id().equals(id) && key.active()).findFirst()
                .orElseThrow(() -> new NotFoundException("API key")));
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

    private String page(Actor actor, Model model, String name, String expiration, String expiresOn,
            Map<String, String> errors) {
        model.addAttribute("keys", keys.list(actor));
        model.addAttribute("name", name);
        model.addAttribute("expiration", expiration);
        model.addAttribute("expiresOn", expiresOn);
        model.addAttribute("errors", translate(errors));
        model.addAttribute("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        return "apikey/list";
    }

    /** The service names the expiry {@code expires_at}; on this form the date field shows it. */
    private static Map<String, String> translate(Map<String, String> errors) {
        if (!errors.containsKey("expires_at")) {
            return errors;
        }
        Map<String, String> translated = new java.util.LinkedHashMap<>(errors);
        translated.put("expiresOn", translated.remove("expires_at"));
        return translated;
    }
}
