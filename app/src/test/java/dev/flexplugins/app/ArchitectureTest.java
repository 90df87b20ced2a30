package dev.flexplugins.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module arrows, as the build enforces them (a wrong import fails {@code mvn verify}): the
 * domain depends on nothing of ours; the projections (views) only on the domain; the application
 * layer on the views and the domain; each facade only on the application layer's API (its services,
 * the {@code Resources} records they answer with, the domain's commands and error types, and for
 * gRPC the generated stubs), never on anything in {@code projections} (neither its machinery nor
 * its rows, which carry storage details such as list keys), the other facade or the composition
 * root.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.flexplugins");
    }

    @Test
    void modulesDependOnlyInTheIntendedDirection() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Proto")
                .definedBy("dev.flexplugins.grpc.v1..")
                .layer("Event store")
                .definedBy("dev.flexplugins.eventstore..")
                .layer("Domain")
                .definedBy("dev.flexplugins.domain..")
                .layer("Read model")
                .definedBy("dev.flexplugins.projections.model..")
                .layer("Projections")
                .definedBy("dev.flexplugins.projections")
                .layer("Application")
                .definedBy("dev.flexplugins.application..")
                .layer("REST")
                .definedBy("dev.flexplugins.rest..")
                .layer("gRPC")
                .definedBy("dev.flexplugins.grpc") // the facade; its stubs are grpc.v1
                .layer("Console")
                .definedBy("dev.flexplugins.console..")
                .layer("App")
                .definedBy("dev.flexplugins.app..")
                .whereLayer("App")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Event store")
                .mayOnlyBeAccessedByLayers("Projections", "App")
                .whereLayer("REST")
                .mayOnlyBeAccessedByLayers("App")
                .whereLayer("gRPC")
                .mayOnlyBeAccessedByLayers("App")
                .whereLayer("Console")
                .mayOnlyBeAccessedByLayers("App")
                .whereLayer("Application")
                .mayOnlyBeAccessedByLayers("REST", "gRPC", "Console", "App")
                .whereLayer("Projections")
                .mayOnlyBeAccessedByLayers("Application", "App")
                .whereLayer("Read model")
                .mayOnlyBeAccessedByLayers("Projections", "Application", "App")
                .whereLayer("Domain")
                .mayOnlyBeAccessedByLayers(
                        "Read model",
                        "Projections",
                        "Application",
                        "REST",
                        "gRPC",
                        "Console",
                        "App")
                .whereLayer("Proto")
                .mayOnlyBeAccessedByLayers("gRPC")
                .check(classes);
    }

    @Test
    void facadesSeeOnlyTheDomainsPublishedLanguageNeverItsAggregates() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.flexplugins.rest..",
                        "dev.flexplugins.grpc",
                        "dev.flexplugins.console..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.flexplugins.domain.command..")
                .check(classes);
    }

    /** The event store is plain JDBC: it knows neither Axon nor our domain (Axon plugs into it). */
    @Test
    void theEventStoreDependsOnNothingOfOursNorOnAxon() {
        noClasses()
                .that()
                .resideInAPackage("dev.flexplugins.eventstore..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "dev.flexplugins.eventstore..", "java..", "com.fasterxml.jackson..")
                .check(classes);
    }

    /**
     * No data passes between modules through thread-locals or unit-of-work resources: values are
     * passed. The one thread binding left is the one the frameworks require, Axon's transaction of
     * the current thread bound to Micronaut's ({@link MicronautTransactions}, which says why).
     */
    @Test
    void noThreadLocalsButTheTransactionBindingAndNoUnitOfWorkResources() {
        noClasses()
                .that()
                .resideInAPackage("dev.flexplugins..")
                .and()
                .doNotBelongToAnyOf(MicronautTransactions.class)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(ThreadLocal.class)
                .check(classes);
        // Axon's thread-bound current unit of work: its phases are reached through the unit of
        // work an interceptor is handed, never through the thread
        noClasses()
                .that()
                .resideInAPackage("dev.flexplugins..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(CurrentUnitOfWork.class)
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.flexplugins..")
                .should()
                .callMethodWhere(
                        JavaCall.Predicates.target(
                                        HasOwner.Predicates.With.<JavaClass>owner(
                                                JavaClass.Predicates.assignableTo(
                                                        UnitOfWork.class)))
                                .and(
                                        JavaCall.Predicates.target(
                                                HasName.Predicates.nameMatching(
                                                        "resources|getResource|getOrComputeResource"
                                                                + "|getOrDefaultResource"))))
                .check(classes);
    }
}
