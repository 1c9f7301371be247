package io.atrium.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

import io.atrium.account.AccountService;
import io.atrium.account.AtriumPrincipal;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Gives every rendered page, error pages included, what the layout shows: the user ({@code me}), the
 * active account with its initials for the profile icon ({@code activeAccount}), and the path for the
 * sidebar's highlight. Skipped for redirects, so a form post costs no extra query.
 */
@Component
class LayoutInterceptor implements HandlerInterceptor {

    private final AccountService accounts;

    LayoutInterceptor(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView view) {
        if (view == null || (view.getViewName() != null && view.getViewName().startsWith("redirect:"))) {
            return;
        }
        Object errorPath = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        view.addObject("currentPath", errorPath != null ? errorPath : request.getRequestURI());
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AtriumPrincipal principal) {
            accounts.findUser(principal.userId()).ifPresent(user -> {
                view.addObject("me", user);
                view.addObject("activeAccount", accounts.personalAccount(user.id()));
            });
        }
    }
}
