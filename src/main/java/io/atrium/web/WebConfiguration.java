package io.atrium.web;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final LayoutInterceptor layout;
    private final CurrentActor currentActor;

    WebConfiguration(LayoutInterceptor layout, CurrentActor currentActor) {
        this.layout = layout;
        this.currentActor = currentActor;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(currentActor);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(layout).excludePathPatterns("/v1.3/**", "/api/v1/**", "/css/**", "/js/**");
    }
}
