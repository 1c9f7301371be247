package io.atrium.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.ModelAndView;

import io.atrium.account.AccountService;
import io.atrium.account.AtriumPrincipal;
import io.atrium.mail.MailOutbox;
import io.atrium.organization.ActiveAccount;
import io.atrium.organization.MemberNotices;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Gives every rendered page, error pages included, what the layout shows: the user ({@code me}), the
 * active account with its initials and the accounts to switch to ({@code active}, {@code activeAccount}),
 * whether the development inbox exists, the path for the sidebar's highlight, and the notices of what others did to
 * the user's memberships ({@code memberNotices}, shown once). Skipped for redirects,
 * so a form post costs no extra query.
 */
@Component
class LayoutInterceptor implements HandlerInterceptor {

    private final AccountService accounts;
    private final CurrentActor currentActor;
    private final MailOutbox mail;
    private final MemberNotices notices;

    LayoutInterceptor(AccountService accounts, CurrentActor currentActor, MailOutbox mail, MemberNotices notices) {
        this.accounts = accounts;
        this.currentActor = currentActor;
        this.mail = mail;
        this.notices = notices;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView view) {
        if (view == null || (view.getViewName() != null && view.getViewName().startsWith("redirect:"))) {
            return;
        }
        Object errorPath = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        view.addObject("currentPath", errorPath != null ? errorPath : request.getRequestURI());
        view.addObject("devInbox", mail.developmentInbox());
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AtriumPrincipal principal) {
            accounts.findUser(principal.userId()).ifPresent(user -> {
                // the same as the controller's actor, when the controller took one: asked for once per request
                ActiveAccount active = currentActor.activeAccount(new ServletRequestAttributes(request), principal);
                view.addObject("me", user);
                view.addObject("active", active);
                view.addObject("activeAccount", active.account());
                // taken here, where the page is rendered: a redirect would drop them unseen
                view.addObject("memberNotices", notices.take(user.id()));
            });
        }
    }
}
