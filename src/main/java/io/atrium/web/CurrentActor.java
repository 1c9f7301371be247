package io.atrium.web;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import io.atrium.account.AtriumPrincipal;
import io.atrium.api.ApiCaller;
import io.atrium.organization.ActiveAccount;
import io.atrium.organization.ActiveAccounts;
import io.atrium.shared.Actor;

/**
 * Hands controllers the request's {@link Actor}: for pages the logged-in user in their active account, for the API
 * the caller of the key. Worked out once per request and kept as request attributes (the actor, and for pages the
 * {@link ActiveAccount} with the account switcher's choices, which the layout shows without asking again).
 */
@Component
class CurrentActor implements HandlerMethodArgumentResolver {

    static final String ACTIVE_ACCOUNT_ATTRIBUTE = ActiveAccount.class.getName();

    private final ActiveAccounts activeAccounts;

    CurrentActor(ActiveAccounts activeAccounts) {
        this.activeAccounts = activeAccounts;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Actor.class);
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binders) {
        Object known = request.getAttribute(Actor.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (known instanceof Actor actor) {
            return actor;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Object principal = authentication == null ? null : authentication.getPrincipal();
        Actor actor;
        if (principal instanceof ApiCaller caller) {
            actor = caller.actor();
        } else if (principal instanceof AtriumPrincipal user) {
            ActiveAccount active = activeAccount(request, user);
            actor = new Actor(active.id(), user.userId(), active.admin(), active.personal());
        } else {
            // Every mapping that takes an Actor needs a log-in or a key, which the security filters require first.
            throw new IllegalStateException("No one is logged in for " + parameter.getMethod());
        }
        request.setAttribute(Actor.REQUEST_ATTRIBUTE, actor, RequestAttributes.SCOPE_REQUEST);
        return actor;
    }

    /** The user's active account, read from the database at most once per request. */
    ActiveAccount activeAccount(RequestAttributes request, AtriumPrincipal user) {
        Object known = request.getAttribute(ACTIVE_ACCOUNT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (known instanceof ActiveAccount active && active.userId().equals(user.userId())) {
            return active;
        }
        // Which organizations the session may enter depends on how it logged in (single sign-on or password).
        ActiveAccount active = activeAccounts.of(user.userId(), user.ssoAccountId());
        request.setAttribute(ACTIVE_ACCOUNT_ATTRIBUTE, active, RequestAttributes.SCOPE_REQUEST);
        return active;
    }
}
