package io.atrium.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final LayoutInterceptor layout;

    WebConfiguration(LayoutInterceptor layout) {
        this.layout = layout;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(layout).excludePathPatterns("/v1.3/**", "/api/v1/**", "/css/**", "/js/**");
    }
}
