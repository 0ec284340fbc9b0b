package io.ridematch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** House rules that code review alone would let slip. */
@AnalyzeClasses(packages = "io.ridematch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The core is plain Java and H3 (Uber's geo library): no framework, no broker, no JSON library, no I/O. */
    @ArchTest
    static final ArchRule domainDependsOnlyOnJavaAndItself = classes()
            .that().resideInAPackage("io.ridematch.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.ridematch.domain..", "java.lang..",
                    "java.util..", "java.time..", "java.math..", "com.uber.h3core..");

    @ArchTest
    static final ArchRule servicesDoNotTalkToEachOtherDirectly = noClasses()
            .that().resideInAPackage("io.ridematch.service..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ridematch.web..", "io.ridematch.app..");

    /** One bridge between the bus and Kafka: nothing else knows Kafka exists. */
    @ArchTest
    static final ArchRule onlyTheKafkaPackageTouchesKafka = noClasses()
            .that().resideOutsideOfPackage("io.ridematch.kafka..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "kafka..", "io.vertx.kafka..");

    @ArchTest
    static final ArchRule onlyTheBusPackageTouchesTheEventBusApi = noClasses()
            .that().resideOutsideOfPackages("io.ridematch.bus..", "io.ridematch.web..")
            .should().dependOnClassesThat().resideInAPackage("io.vertx.core.eventbus..");
}
