package dev.tractor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package arrows of DESIGN.md section 2 pointing one way:
 * {@code sc <- msg <- ipc <- spawn, discovery <- dev.tractor (runtime) <- debug / interop}; spawn (ADR 0011)
 * and discovery (ADR 0017) sit below the runtime.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tractor");
        // Guard against a vacuous pass: the importer must have read our (Java 25) class files.
        if (!classes.contain(dev.tractor.sc.Nursery.class) || classes.size() < 20) {
            throw new AssertionError("ArchUnit imported only " + classes.size() + " classes of dev.tractor");
        }
    }

    /** Each layer, and the layers it must not depend on (everything to its right). */
    private static final List<List<String>> LAYERS = List.of(
            List.of("dev.tractor.sc..", "dev.tractor.msg..", "dev.tractor.ipc..", "dev.tractor.spawn..",
                    "dev.tractor.discovery..", "dev.tractor.debug..", "dev.tractor.interop.."),
            List.of("dev.tractor.msg..", "dev.tractor.ipc..", "dev.tractor.spawn..",
                    "dev.tractor.discovery..", "dev.tractor.debug..", "dev.tractor.interop.."),
            List.of("dev.tractor.ipc..", "dev.tractor.spawn..", "dev.tractor.discovery..",
                    "dev.tractor.debug..", "dev.tractor.interop.."),
            List.of("dev.tractor.spawn..", "dev.tractor.discovery..", "dev.tractor.debug..",
                    "dev.tractor.interop.."));

    @Test
    void spawnDoesNotDependOnTheRuntime() {
        noClasses().that().resideInAPackage("dev.tractor.spawn..")
                .should().dependOnClassesThat().resideInAPackage("dev.tractor")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void discoveryDoesNotDependOnTheRuntime() {
        noClasses().that().resideInAPackage("dev.tractor.discovery..")
                .should().dependOnClassesThat().resideInAPackage("dev.tractor")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void lowerLayersDoNotDependOnHigherOnes() {
        for (List<String> layer : LAYERS) {
            String self = layer.getFirst();
            String[] higher = layer.subList(1, layer.size()).toArray(String[]::new);
            noClasses().that().resideInAPackage(self)
                    .should().dependOnClassesThat().resideInAnyPackage(higher)
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void theScLayerDependsOnNothingElseOfTheProject() {
        noClasses().that().resideInAPackage("dev.tractor.sc..")
                .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                        .resideInAPackage("dev.tractor..")
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.tractor.sc.."))))
                .check(classes);
    }

    @Test
    void theScLayerDoesNotUseStructuredTaskScopeOrJavaSerialization() {
        noClasses().that().resideInAPackage("dev.tractor..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.StructuredTaskScope")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
                .check(classes);
    }
}
