package io.atrium.usage;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Rate limits and request counting apply to the API, whose calls carry a key. */
@Configuration(proxyBeanMethods = false)
class UsageWebConfiguration implements WebMvcConfigurer {

    private final RateLimitInterceptor rateLimits;

    UsageWebConfiguration(RateLimitInterceptor rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(rateLimits).addPathPatterns("/v1.3/**", "/api/v1/**");
    }
}
