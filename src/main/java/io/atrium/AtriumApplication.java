package io.atrium;

import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AtriumApplication {

    /** The argument that runs the secret re-sealing command instead of the server (docs/deployment.md, master key). */
    public static final String RESEAL_SECRETS = "reseal-secrets";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(AtriumApplication.class);
        if (Arrays.asList(args).contains(RESEAL_SECRETS)) {
            // a one-off command: no web server, no background work; it exits when done
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setDefaultProperties(Map.of("atrium.background-work", "false"));
            System.exit(SpringApplication.exit(application.run(args)));
        }
        application.run(args);
    }
}
