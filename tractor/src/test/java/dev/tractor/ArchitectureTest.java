package dev.tractor;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package layout of ADR 0019: the API is what the module exports; the runtime's insides live
 * under {@code dev.tractor.internal}, one package per concept, with arrows that point one way; the API
 * reaches into them only through its entry point, {@link Tractor}.
 */
class ArchitectureTest {
    private static final String INTERNAL = "dev.tractor.internal";
    /** The exported packages: what a user imports. */
    private static final Set<String> API = Set.of("dev.tractor", "dev.tractor.sc", "dev.tractor.sc.testing",
            "dev.tractor.ipc", "dev.tractor.msg", "dev.tractor.discovery");
    /** Each internal package and the internal packages it may use (everything else of the insides is above it). */
    private static final Map<String, Set<String>> INTERNAL_ARROWS = Map.of(
            "runtime", Set.of("serve", "context", "discovery", "errors", "ipc", "msg", "spawn", "events", "debug"),
            "serve", Set.of("context", "discovery", "errors", "ipc", "msg", "events"),
            "context", Set.of("errors", "ipc", "msg", "events"),
            "discovery", Set.of("ipc", "msg"),
            "errors", Set.of("msg"),
            "ipc", Set.of("msg"),
            "msg", Set.of(),
            "spawn", Set.of(),
            "events", Set.of(),
            "debug", Set.of());

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

    @Test
    void theModuleExportsTheApiAndNothingElse() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        Set<String> exported = module.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(API), exported);
        Set<String> packages = new TreeSet<>(module.packages());
        packages.removeAll(API);
        for (String hidden : packages) {
            if (!hidden.startsWith(INTERNAL + ".") && !hidden.equals("dev.tractor.tools")) {
                throw new AssertionError("package " + hidden + " is neither API nor under " + INTERNAL);
            }
        }
    }

    @Test
    void theInternalPackagesAreTheOnesThisTestKnows() {
        Set<String> found = classes.stream().map(c -> c.getPackageName())
                .filter(p -> p.startsWith(INTERNAL + "."))
                .map(p -> p.substring(INTERNAL.length() + 1).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(INTERNAL_ARROWS.keySet()), found,
                "a new internal package needs its place in INTERNAL_ARROWS (and in ADR 0019)");
    }

    @Test
    void theInsidesHaveNoCycles() {
        slices().matching(INTERNAL + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void eachInternalPackageUsesOnlyThoseBelowIt() {
        for (var arrows : INTERNAL_ARROWS.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            for (String other : INTERNAL_ARROWS.keySet()) {
                if (!other.equals(arrows.getKey()) && !arrows.getValue().contains(other)) {
                    forbidden.add(INTERNAL + "." + other + "..");
                }
            }
            noClasses().that().resideInAPackage(INTERNAL + "." + arrows.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void theApiReachesTheInsidesOnlyThroughTractor() {
        noClasses().that().resideInAnyPackage(API.toArray(String[]::new))
                .and(DescribedPredicate.not(com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf(Tractor.class)))
                .should().dependOnClassesThat().resideInAPackage(INTERNAL + "..")
                .check(classes);
    }

    @Test
    void theLowerApiPackagesDependOnNothingAboveThem() {
        noClasses().that().resideInAnyPackage("dev.tractor.ipc", "dev.tractor.msg", "dev.tractor.discovery")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tractor", INTERNAL + "..",
                        "dev.tractor.tools")
                .check(classes);
    }

    @Test
    void theCommandLineToolIsAClientOfTheApi() {
        noClasses().that().resideInAPackage("dev.tractor.tools..")
                .should().dependOnClassesThat().resideInAPackage(INTERNAL + "..")
                .check(classes);
    }

    @Test
    void theScLayerDependsOnNothingElseOfTheProject() {
        noClasses().that().resideInAPackage("dev.tractor.sc..")
                .should().dependOnClassesThat(resideInAPackage("dev.tractor..")
                        .and(DescribedPredicate.not(resideInAnyPackage("dev.tractor.sc.."))))
                .check(classes);
    }

    @Test
    void nothingUsesStructuredTaskScopeOrJavaSerialization() {
        noClasses().that().resideInAPackage("dev.tractor..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.StructuredTaskScope")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
                .check(classes);
    }
}
