package com.conferencegateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package graph of docs/architecture.md, held: no cycles, and each feature package imports
 * only the packages drawn below it. The root package (Main, Gateway, the modules) wires them all.
 */
class ArchitectureTest {
  private static final String BASE = "com.conferencegateway";
  /** Each package and the gateway packages it may import; support, config, kafka and platform are leaves. */
  static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

  static {
    ALLOWED.put("support", Set.of());
    ALLOWED.put("config", Set.of("support"));
    ALLOWED.put("kafka", Set.of("support"));
    ALLOWED.put("platform", Set.of("support"));
    ALLOWED.put("ops", Set.of("support"));
    ALLOWED.put("account", Set.of("platform", "kafka", "config", "support"));
    ALLOWED.put("ingress", Set.of("kafka", "platform", "support"));
    ALLOWED.put("tracing", Set.of("platform", "support"));
    ALLOWED.put("command", Set.of("account", "platform", "kafka", "tracing", "support"));
    ALLOWED.put("session", Set.of("kafka", "support"));
    ALLOWED.put("query", Set.of("session", "kafka", "support"));
    ALLOWED.put("simulator", Set.of("platform", "config", "support"));
    ALLOWED.put("bench", Set.of("platform", "config", "support"));
    ALLOWED.put("cli", Set.of("bench", "simulator", "config", "kafka", "support"));
  }

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  static List<String> packages() {
    return List.copyOf(ALLOWED.keySet());
  }

  @ParameterizedTest
  @MethodSource("packages")
  void aPackageImportsOnlyThePackagesBelowIt(String pkg) {
    String[] forbidden = ALLOWED.keySet().stream()
        .filter(other -> !other.equals(pkg) && !ALLOWED.get(pkg).contains(other))
        .map(other -> BASE + "." + other + "..")
        .toArray(String[]::new);
    noClasses().that().resideInAPackage(BASE + "." + pkg + "..")
        .should().dependOnClassesThat().resideInAnyPackage(forbidden)
        .orShould().dependOnClassesThat().resideInAPackage(BASE)
        .because(pkg + " may import only " + ALLOWED.get(pkg))
        .check(classes);
  }

  @Test
  void everyPackageIsInThePicture() {
    Set<String> found = new java.util.TreeSet<>();
    classes.forEach(c -> {
      String p = c.getPackageName();
      if (p.startsWith(BASE + ".")) {
        found.add(p.substring(BASE.length() + 1).split("\\.")[0]);
      }
    });
    org.assertj.core.api.Assertions.assertThat(ALLOWED.keySet()).containsExactlyInAnyOrderElementsOf(found);
  }
}
