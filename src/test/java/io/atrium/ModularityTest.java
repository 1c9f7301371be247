package io.atrium;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;

/**
 * Package by feature: each feature reaches another only through its top-level public types, only the features
 * its {@code package-info.java} allows ({@code @ApplicationModule(allowedDependencies = …)}), with no cycles.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(AtriumApplication.class);

    @Test
    void featuresRespectEachOthersBoundaries() {
        MODULES.verify();
    }

    /**
     * Writes the module diagram, {@code target/spring-modulith-docs/components.puml} (PlantUML); {@code docs/modules.puml}
     * is a copy of it.
     */
    @Test
    void writesTheModuleDiagram() {
        new Documenter(MODULES).writeModulesAsPlantUml(DiagramOptions.defaults().withStyle(DiagramStyle.UML));
    }
}
