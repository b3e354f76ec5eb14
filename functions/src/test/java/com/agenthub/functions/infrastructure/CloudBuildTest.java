package com.agenthub.functions.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * cloudbuild.yaml parses, tests before it packages and plans before it applies, builds with the
 * Java the POM and the Terraform runtime name, and leaves deploying functions to Terraform alone.
 */
class CloudBuildTest {

  private static final Path ROOT = Repository.ROOT;
  private static final List<String> PIPELINE = List.of("test", "package", "plan", "apply");

  @Test
  void theRepositorysPipelineIsSound() throws IOException {
    assertEquals(List.of(), problems(Files.readString(ROOT.resolve("cloudbuild.yaml")), Repository.javaRuntime()));
  }

  @Test
  void aJdkOtherThanThePomsIsReported() throws IOException {
    String seeded = Files.readString(ROOT.resolve("cloudbuild.yaml")).replace("eclipse-temurin-17", "eclipse-temurin-21");
    assertEquals(List.of("_MAVEN_IMAGE maven:3.9.9-eclipse-temurin-21 builds with Java 21, but the functions run on java17"),
        problems(seeded, "java17"));
  }

  @Test
  void aSecondOwnerOfTheFunctionsIsReported() throws IOException {
    String seeded = Files.readString(ROOT.resolve("cloudbuild.yaml"))
        .replace("args: [\"-euc\", \"tools/package-functions\"]",
            "args: [\"-euc\", \"tools/package-functions && gcloud functions deploy GetAgent --gen2\"]");
    assertEquals(List.of("step package deploys functions itself; Terraform owns them"), problems(seeded, "java17"));
  }

  @Test
  void applyingBeforeTestingIsReported() throws IOException {
    String original = Files.readString(ROOT.resolve("cloudbuild.yaml"));
    String seeded = original.replace("- id: test\n", "- id: tests-later\n");
    assertEquals(List.of("steps must include test, package, plan, apply in that order"), problems(seeded, "java17"));
  }

  /** What is wrong with a cloudbuild.yaml text, given the runtime the functions run on. */
  static List<String> problems(String yamlText, String javaRuntime) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> build = new Yaml().load(yamlText);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) build.get("steps");
    List<String> ids = steps.stream().map(s -> String.valueOf(s.get("id"))).toList();
    List<String> order = ids.stream().filter(PIPELINE::contains).toList();
    if (!order.equals(PIPELINE)) {
      problems.add("steps must include test, package, plan, apply in that order");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> substitutions = (Map<String, Object>) build.get("substitutions");
    String mavenImage = String.valueOf(substitutions.get("_MAVEN_IMAGE"));
    Matcher jdk = Pattern.compile("temurin-(\\d+)").matcher(mavenImage);
    if (!jdk.find() || !("java" + jdk.group(1)).equals(javaRuntime)) {
      problems.add("_MAVEN_IMAGE " + mavenImage + " builds with Java " + (jdk.find(0) ? jdk.group(1) : "?")
          + ", but the functions run on " + javaRuntime);
    }
    for (Map<String, Object> step : steps) {
      if (String.valueOf(step.get("args")).matches("(?s).*gcloud\\s+functions\\s+(deploy|delete).*")) {
        problems.add("step " + step.get("id") + " deploys functions itself; Terraform owns them");
      }
    }
    return problems;
  }
}
