package io.atrium.api;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The API answers in JSON and nothing else, whatever converters happen to be on the class path (the tests' class
 * path has an XML one): a request under the API that accepts JSON is answered in JSON, and one that does not
 * (only {@code application/xml}, say) gets 406 {@code not_acceptable}, itself in JSON (see {@link ApiErrors#response}).
 * Elsewhere the {@code Accept} header is read as Spring MVC reads it by default.
 */
@Configuration(proxyBeanMethods = false)
class ApiContentNegotiation implements WebMvcConfigurer {

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new JsonOnlyUnderTheApi()));
    }

    static final class JsonOnlyUnderTheApi implements ContentNegotiationStrategy {

        private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON);

        private final HeaderContentNegotiationStrategy accept = new HeaderContentNegotiationStrategy();

        @Override
        public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
            List<MediaType> accepted = accept.resolveMediaTypes(request);
            HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
            if (servlet == null || !ApiPaths.isApiPath(servlet.getRequestURI())) {
                return accepted;
            }
            if (accepted.stream().anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
                return JSON;
            }
            throw new HttpMediaTypeNotAcceptableException(JSON);
        }
    }
}
