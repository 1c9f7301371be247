package io.atrium.web;

import java.io.IOException;

import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.atrium.api.ApiErrors;
import io.atrium.api.ApiPaths;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every answer under {@code /v1.3} and {@code /api/v1} is the API's JSON error, whichever layer refuses the
 * request. Controllers and filters of the API write it themselves; this covers the layers below them:
 * <ul>
 * <li>Spring Security's firewall (a {@code ;}, an encoded slash or dot, a {@code ..} in the URL);</li>
 * <li>the servlet container's error dispatch, which otherwise renders Spring Boot's error page or its
 * {@code {timestamp, status, error, path}} JSON (echoing the path, an API key put in it included): a 405 for
 * {@code TRACE}, a 408 for a body that stopped arriving, a 400 for a broken chunked body;</li>
 * <li>Tomcat's own error report, for requests it refuses before any servlet sees them.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiErrorResponses {

    /** The Playground keeps Spring Security's own answer: 400, rendered by the error page. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ApiErrors errors) {
        RequestRejectedHandler playground = new HttpStatusRequestRejectedHandler();
        return (request, response, rejection) -> {
            if (ApiPaths.isApiPath(request.getRequestURI())) {
                errors.write(response, HttpStatus.BAD_REQUEST.value(), errors.rejected());
            } else {
                playground.handle(request, response, rejection);
            }
        };
    }

    @Bean
    FilterRegistrationBean<ApiErrorDispatch> apiErrorDispatch(ApiErrors errors) {
        FilterRegistrationBean<ApiErrorDispatch> registration =
                new FilterRegistrationBean<>(new ApiErrorDispatch(errors));
        registration.setDispatcherTypes(DispatcherType.ERROR);
        // before Spring Security and the error page controller, which would otherwise answer the dispatch
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Puts {@link ApiErrorReportValve} in the place of Tomcat's error report valve. Done when the host starts, after
     * every customizer has run: Spring Boot adds an {@link ErrorReportValve} of its own in a customizer, and
     * whichever valve comes later in the pipeline reports first.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> apiErrorReportValve(ObjectProvider<ApiErrors> errors) {
        return factory -> factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            host.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ApiErrorReportValve(errors));
                    // so that the host, finding a valve of this class, does not add its default one
                    if (host instanceof StandardHost standard) {
                        standard.setErrorReportValveClass(ApiErrorReportValve.class.getName());
                    }
                }
            });
        });
    }

    /** Answers the container's error dispatch for an API path with the API's error for the status. */
    static final class ApiErrorDispatch extends HttpFilter {

        private final transient ApiErrors errors;

        ApiErrorDispatch(ApiErrors errors) {
            this.errors = errors;
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (request.getDispatcherType() != DispatcherType.ERROR || !(uri instanceof String path)
                    || !ApiPaths.isApiPath(path)) {
                chain.doFilter(request, response);
                return;
            }
            int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                    ? code : response.getStatus();
            errors.write(response, status, errors.forStatus(status));
        }
    }
}
