package io.sluice.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's packages form layers: no package depends, directly or through others, on one
 * that depends on it. A cycle is how "pipeline" ends up needed by "notify" and a change anywhere
 * ends up touching everything.
 */
class PackageRulesTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sluice");

    @Test
    void thePackagesAreFreeOfCycles() {
        slices().matching("io.sluice.(*)..").should().beFreeOfCycles().check(GATEWAY);
    }

    /** The pure building blocks stay free of the server: they are unit-tested and fuzzed as plain Java. */
    @Test
    void textLimitsAndPersistenceHelpersDependOnNothingOfTheGateway() {
        noClasses().that().resideInAnyPackage("io.sluice.text..", "io.sluice.limit..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.sluice.pipeline..",
                        "io.sluice.policy..", "io.sluice.scan..", "io.sluice.manage..")
                .check(GATEWAY);
    }

    /** The end of data runs as steps: only its phase assembles them, nothing outside the pipeline calls one. */
    @Test
    void theStepsAreThePipelinesOwn() {
        noClasses().that().resideOutsideOfPackage("io.sluice.pipeline..")
                .should().dependOnClassesThat().resideInAPackage("io.sluice.pipeline..")
                .check(GATEWAY);
    }
}
