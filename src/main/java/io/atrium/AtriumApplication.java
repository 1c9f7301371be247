package io.atrium;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AtriumApplication {

    public static void main(String[] args) {
        SpringApplication.run(AtriumApplication.class, args);
    }
}
