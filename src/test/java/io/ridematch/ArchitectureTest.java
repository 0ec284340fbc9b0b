package io.ridematch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The tree's seam, kept by the build: the simulated world and the platform meet only in the contract; the cores are
 * plain Java; only the bridge knows Kafka; and the arrows run one way, cli, bench, city, then the adapters (kafka,
 * web, metrics, json), the two halves and the bus, and the contract at the bottom.
 */
@AnalyzeClasses(packages = "io.ridematch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] PLAIN_JAVA = {"java.lang..", "java.util..", "java.time..", "java.math.."};

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("io.ridematch.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theWorldKnowsThePlatformOnlyThroughTheContract = noClasses()
            .that().resideInAPackage("io.ridematch.world..")
            .should().dependOnClassesThat().resideInAPackage("io.ridematch.platform..");

    @ArchTest
    static final ArchRule thePlatformKnowsTheWorldOnlyThroughTheContract = noClasses()
            .that().resideInAPackage("io.ridematch.platform..")
            .should().dependOnClassesThat().resideInAPackage("io.ridematch.world..");

    /** What crosses between the halves is plain records: no framework, no other ridematch package. */
    @ArchTest
    static final ArchRule theContractDependsOnNothingButJava = classes()
            .that().resideInAPackage("io.ridematch.contract..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(with("io.ridematch.contract.."));

    /**
     * The cores are plain Java, H3 (Uber's geo library) and, for the platform, HdrHistogram (percentiles) and
     * Agrona's primitive maps: no Vert.x, no Kafka, no JSON library, no I/O.
     */
    @ArchTest
    static final ArchRule theWorldsCoreImportsNoVertxOrKafka = classes()
            .that().resideInAPackage("io.ridematch.world.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(with("io.ridematch.world.core..",
                    "io.ridematch.contract..", "com.uber.h3core.."));

    @ArchTest
    static final ArchRule thePlatformsCoreImportsNoVertxOrKafka = classes()
            .that().resideInAPackage("io.ridematch.platform.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(with("io.ridematch.platform.core..",
                    "io.ridematch.contract..", "com.uber.h3core..", "org.HdrHistogram..", "org.agrona.collections.."));

    /** One bridge between the bus and Kafka; the bench's reference run of Kafka's own ProducerPerformance aside. */
    @ArchTest
    static final ArchRule nothingButTheBridgeKnowsKafka = noClasses()
            .that().resideOutsideOfPackage("io.ridematch.kafka..")
            .and().doNotHaveFullyQualifiedName("io.ridematch.bench.ProducerPerformanceReference")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "kafka..", "io.vertx.kafka..");

    /** The charts are drawn in one place, from plain numbers. */
    @ArchTest
    static final ArchRule nothingButThePlotsKnowTheChartLibrary = noClasses()
            .that().resideOutsideOfPackage("io.ridematch.plot..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jfree..");

    @ArchTest
    static final ArchRule thePlotsKnowNothingOfRidematch = classes()
            .that().resideInAPackage("io.ridematch.plot..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(with("io.ridematch.plot..", "java.awt..",
                    "java.io..", "java.nio..", "java.text..", "org.jfree.."));

    @ArchTest
    static final ArchRule onlyTheBusAndTheWebTouchTheEventBusApi = noClasses()
            .that().resideOutsideOfPackages("io.ridematch.bus..", "io.ridematch.web..", "io.ridematch.bench..")
            // the event bus's meters implement Vert.x's metrics SPI, whose signatures name a message and a failure
            .and().doNotHaveFullyQualifiedName("io.ridematch.metrics.EventBusMeters")
            .should().dependOnClassesThat().resideInAPackage("io.vertx.core.eventbus..");

    @ArchTest
    static final ArchRule nothingButTheCliKnowsTheCli = noClasses()
            .that().resideOutsideOfPackage("io.ridematch.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ridematch.cli..", "picocli..");

    @ArchTest
    static final ArchRule nothingButTheCliKnowsTheBench = noClasses()
            .that().resideOutsideOfPackages("io.ridematch.cli..", "io.ridematch.bench..")
            .should().dependOnClassesThat().resideInAPackage("io.ridematch.bench..");

    /** The assembly starts a city; what it starts does not know it. */
    @ArchTest
    static final ArchRule theAssemblyIsKnownOnlyToTheCliAndTheBench = noClasses()
            .that().resideOutsideOfPackages("io.ridematch.cli..", "io.ridematch.bench..", "io.ridematch.city..")
            .should().dependOnClassesThat().resideInAPackage("io.ridematch.city..");

    /** The halves are started by the assembly; the adapters (bridge, web, meters) serve them, not the reverse. */
    @ArchTest
    static final ArchRule theHalvesKnowNoAdapter = noClasses()
            .that().resideInAnyPackage("io.ridematch.world..", "io.ridematch.platform..", "io.ridematch.bus..",
                    "io.ridematch.contract..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ridematch.kafka..", "io.ridematch.web..",
                    "io.ridematch.json..");

    private static String[] with(String... packages) {
        String[] all = new String[PLAIN_JAVA.length + packages.length];
        System.arraycopy(PLAIN_JAVA, 0, all, 0, PLAIN_JAVA.length);
        System.arraycopy(packages, 0, all, PLAIN_JAVA.length, packages.length);
        return all;
    }
}
