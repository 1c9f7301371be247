package io.atrium.api;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.atrium.shared.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** One OpenAPI document for both surfaces, at /v3/api-docs, browsable at /swagger-ui/index.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // Who calls is resolved from the API key (web.CurrentActor), never sent: without this every operation listed
        // a required query parameter "actor".
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OpenAPI atriumOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Atrium API").version("1")
                        .description("The TwelveLabs v1.3 surface (/v1.3) and Atrium's management API (/api/v1). "
                                + "Authenticate every call with an API key in the x-api-key header; errors are "
                                + "{\"code\", \"message\", \"docs_url\"}."))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(ApiKeyRequiredEntryPoint.HEADER)))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
