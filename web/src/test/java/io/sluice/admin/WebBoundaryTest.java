package io.sluice.admin;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The admin API sees the gateway through its services and their data types only: never an
 * entity (whose lazy relations and versions are the services' business), the persistence API,
 * or the mail pipeline and its downstream connections.
 */
class WebBoundaryTest {

    private static final JavaClasses WEB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sluice.admin");

    @Test
    void theApiUsesServicesNotEntitiesOrThePipeline() {
        noClasses().that().resideInAPackage("io.sluice.admin..")
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "io.sluice.pipeline..",
                        "io.sluice.downstream..", "io.sluice.limit..")
                .check(WEB);
    }
}
