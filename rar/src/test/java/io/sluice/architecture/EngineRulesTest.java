package io.sluice.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The SMTP engine is plain Java: it knows nothing of Jakarta EE, the application server or the
 * resource adapter around it, so it runs and is tested (and fuzzed) on its own. The adapter
 * depends on the engine, never the other way round.
 */
class EngineRulesTest {

    private static final JavaClasses RAR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sluice");

    @Test
    void theEngineUsesNoJakartaEeNorTheServerNorTheAdapter() {
        noClasses().that().resideInAPackage("io.sluice.smtp..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.resource..", "org.wildfly..",
                        "org.jboss..", "io.sluice.ra..")
                .check(RAR);
    }

    @Test
    void theSharedTypesUseNeitherTheEngineNorTheAdapter() {
        noClasses().that().resideInAPackage("io.sluice.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.smtp..", "io.sluice.ra..")
                .check(RAR);
    }

    @Test
    void theEnginesPackagesAreFreeOfCycles() {
        slices().matching("io.sluice.smtp.(*)..").should().beFreeOfCycles().check(RAR);
    }
}
