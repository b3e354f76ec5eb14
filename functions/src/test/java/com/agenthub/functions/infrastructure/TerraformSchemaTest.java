package com.agenthub.functions.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.infrastructure.TerraformCheck.Problem;
import com.agenthub.functions.infrastructure.TerraformCheck.Report;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Terraform, checked offline the way {@code terraform validate} would: every .tf file parses with
 * HashiCorp's HCL parser, and every resource type, argument and block name is one the google provider
 * (6.50.0, from @cdktf/provider-google) accepts. Seeded mistakes in copies of a correct fixture show that
 * each kind of mistake is caught and reported with its file, line and the wrong name.
 */
class TerraformSchemaTest {

  private static final String TERRAFORM_MISSING = "terraform is not on PATH, so `terraform fmt -check` was skipped"
      + " (install Terraform 1.11+ to run it); the parse and schema checks in this class do not need it";

  private final TerraformCheck terraform = TerraformCheck.inRepository();

  // ---- (a) the repository's terraform/ ----

  @Test
  void theRepositoryTerraformParsesAndUsesOnlyNamesTheProviderKnows() throws IOException {
    Path dir = terraform.repositoryTerraform();
    Report report = terraform.check(dir);
    assertEquals(List.of(), report.problems(), report.describe());
    assertEquals(tfFilesUnder(dir), report.files(), "the check must look at every .tf file under " + dir);
  }

  @Test
  void theRepositoryTerraformIsFormatted() {
    Assumptions.assumeTrue(TerraformCheck.terraform().isPresent(), TERRAFORM_MISSING);
    TerraformCheck.Fmt fmt = TerraformCheck.fmt(terraform.repositoryTerraform());
    assertTrue(fmt.formatted(), "run `terraform fmt -recursive terraform` (exit " + fmt.exitCode() + "):\n" + fmt.output());
  }

  // ---- (b) a correct fixture passes; each seeded mistake fails naming file, line and name ----

  @Test
  void aCorrectFixtureWithForEachDynamicLifecycleAndDependsOnPasses(@TempDir Path dir) throws IOException {
    write(dir, FIXTURE);
    Report report = terraform.check(dir);
    assertEquals(List.of(), report.problems(), report.describe());
    assertEquals(List.of("main.tf", "modules/topics/main.tf"), report.files());
  }

  @Test
  void parseGivesEachFileAsHclJsonForCrossChecks(@TempDir Path dir) throws IOException {
    write(dir, FIXTURE);
    JsonObject files = terraform.parse(dir);
    assertEquals(List.of("main.tf", "modules/topics/main.tf"), List.copyOf(files.keySet()));
    // Blocks are arrays of bodies nested one object per label; expressions stay as "${...}" strings.
    JsonObject function = files.getAsJsonObject("main.tf").getAsJsonObject("resource")
        .getAsJsonObject("google_cloudfunctions2_function").getAsJsonArray("api").get(0).getAsJsonObject();
    assertEquals("java17", function.getAsJsonArray("build_config").get(0).getAsJsonObject().get("runtime").getAsString());
    assertEquals("${var.functions}", function.get("for_each").getAsString());
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("misspelled argument in a nested block", "main.tf", "entry_point = each", "entry_pont = each",
            "unknown argument \"entry_pont\" in build_config (did you mean \"entry_point\"?)"),
        Arguments.of("misspelled nested block", "main.tf", "storage_source {", "storage_sorce {",
            "unknown block type \"storage_sorce\" in build_config.source (did you mean \"storage_source\"?)"),
        Arguments.of("unknown resource type", "main.tf", "\"google_cloudfunctions2_function\" \"api\"",
            "\"google_cloudfunction2_function\" \"api\"", "unknown resource type \"google_cloudfunction2_function\""),
        Arguments.of("misspelled dynamic block", "main.tf", "dynamic \"secret_environment_variables\"",
            "dynamic \"secret_environment_variable\"", "dynamic \"secret_environment_variable\": unknown block type"),
        Arguments.of("misspelled argument in dynamic content", "modules/topics/main.tf", "max_delivery_attempts =",
            "max_delivery_attempt =", "unknown argument \"max_delivery_attempt\" in dead_letter_policy"),
        Arguments.of("misspelled lifecycle argument", "main.tf", "prevent_destroy", "prevent_destory",
            "unknown argument \"prevent_destory\" in lifecycle"),
        Arguments.of("unknown variable argument", "main.tf", "description = \"The GCP", "descripton = \"The GCP",
            "variable \"project\": unknown argument \"descripton\""),
        Arguments.of("block written as an argument", "main.tf", "  lifecycle {\n", "  lifecycle = {\n",
            "\"lifecycle\" is a block, not an argument"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void aSeededMistakeIsReportedWithFileLineAndTheWrongName(String mistake, String file, String correct, String wrong,
      String expected, @TempDir Path dir) throws IOException {
    String seeded = FIXTURE.get(file).replaceFirst(Pattern.quote(correct), Matcher.quoteReplacement(wrong));
    assertFalse(seeded.equals(FIXTURE.get(file)), "the fixture no longer contains: " + correct);
    write(dir, FIXTURE);
    Files.writeString(dir.resolve(file), seeded);

    Report report = terraform.check(dir);

    assertEquals(1, report.problems().size(), report.describe());
    Problem problem = report.problems().get(0);
    assertEquals(file, problem.file(), report.describe());
    assertEquals(lineOf(seeded, wrong), problem.line(), report.describe());
    assertTrue(problem.message().contains(expected), "expected \"" + expected + "\" in: " + problem);
  }

  @Test
  void anUnclosedBraceIsASyntaxErrorWithFileAndLine(@TempDir Path dir) throws IOException {
    write(dir, FIXTURE);
    String main = FIXTURE.get("main.tf");
    Files.writeString(dir.resolve("main.tf"), main.substring(0, main.stripTrailing().length() - 1)); // drop the last }

    Report report = terraform.check(dir);

    assertEquals(1, report.problems().size(), report.describe());
    String problem = report.problems().get(0).toString();
    int outputLine = lineOf(main, "output \"function_uris\" {");
    assertTrue(problem.startsWith("main.tf:" + outputLine + ": syntax error: Unclosed configuration block"), problem);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> terraform.parse(dir));
    assertTrue(e.getMessage().contains("main.tf:" + outputLine + ": Unclosed configuration block"), e.getMessage());
  }

  @Test
  void aMissingInstallFailsSayingWhatToRun(@TempDir Path dir) throws IOException {
    Path tool = Files.createDirectories(dir.resolve("tools/terraform-check"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TerraformCheck.in(tool).check(dir));
    assertTrue(e.getMessage().contains("npm ci --prefix tools/terraform-check"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  // ---- (c) terraform fmt ----

  @Test
  void fmtPassesTheFixtureAndCatchesABadlyFormattedCopy(@TempDir Path dir) throws IOException {
    Assumptions.assumeTrue(TerraformCheck.terraform().isPresent(), TERRAFORM_MISSING);
    write(dir, FIXTURE);
    TerraformCheck.Fmt clean = TerraformCheck.fmt(dir);
    assertTrue(clean.formatted(), "the fixture should be formatted:\n" + clean.output());

    Files.writeString(dir.resolve("modules/topics/main.tf"),
        FIXTURE.get("modules/topics/main.tf").replace("  name = \"events\"", "name=\"events\""));
    TerraformCheck.Fmt dirty = TerraformCheck.fmt(dir);
    assertEquals(3, dirty.exitCode(), dirty.output());
    assertTrue(dirty.output().contains("modules/topics/main.tf"), dirty.output());
  }

  // ---- helpers and the fixture ----

  private static List<String> tfFilesUnder(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".tf"))
          .map(dir::relativize)
          .filter(p -> Stream.iterate(p, q -> q != null, Path::getParent).noneMatch(q -> q.endsWith(".terraform")))
          .map(p -> p.toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private static int lineOf(String text, String needle) {
    int at = text.indexOf(needle);
    assertTrue(at >= 0, "not in the text: " + needle);
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private static void write(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
  }

  /** Correct, `terraform fmt`-clean Terraform using for_each, dynamic, lifecycle, depends_on and a module. */
  private static final Map<String, String> FIXTURE = Map.of(
      "main.tf", """
          variable "project" {
            type        = string
            description = "The GCP project to deploy into."
            validation {
              condition     = length(var.project) > 0
              error_message = "project must not be empty."
            }
          }

          variable "region" {
            type    = string
            default = "europe-west1"
          }

          variable "functions" {
            type = map(object({ entry_point = string, memory = string }))
            default = {
              GetAgent = { entry_point = "com.agenthub.functions.GetAgent", memory = "512M" }
            }
          }

          variable "secrets" {
            type    = map(string)
            default = {}
          }

          resource "google_storage_bucket" "source" {
            name                        = "${var.project}-function-source"
            location                    = var.region
            uniform_bucket_level_access = true

            lifecycle {
              prevent_destroy = true
            }
          }

          resource "google_cloudfunctions2_function" "api" {
            for_each = var.functions
            name     = each.key
            location = var.region

            build_config {
              runtime     = "java17"
              entry_point = each.value.entry_point
              source {
                storage_source {
                  bucket = google_storage_bucket.source.name
                  object = "functions.zip"
                }
              }
            }

            service_config {
              available_memory = each.value.memory
              dynamic "secret_environment_variables" {
                for_each = var.secrets
                iterator = secret
                content {
                  key        = secret.key
                  project_id = var.project
                  secret     = secret.value
                  version    = "latest"
                }
              }
            }

            lifecycle {
              ignore_changes = [build_config[0].docker_repository]
            }

            depends_on = [google_storage_bucket.source]
          }

          module "topics" {
            source      = "./modules/topics"
            dead_letter = true
          }

          output "function_uris" {
            value = { for name, f in google_cloudfunctions2_function.api : name => f.url }
          }
          """,
      "modules/topics/main.tf", """
          variable "dead_letter" {
            type    = bool
            default = false
          }

          resource "google_pubsub_topic" "events" {
            name = "events"
          }

          resource "google_pubsub_subscription" "events" {
            name  = "events"
            topic = google_pubsub_topic.events.id

            dynamic "dead_letter_policy" {
              for_each = var.dead_letter ? [1] : []
              content {
                dead_letter_topic     = google_pubsub_topic.events.id
                max_delivery_attempts = 5
              }
            }
          }
          """);
}
