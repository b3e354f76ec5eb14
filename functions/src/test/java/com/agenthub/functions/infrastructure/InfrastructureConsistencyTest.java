package com.agenthub.functions.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.wiring.Settings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Terraform, evaluated by Terraform itself, agrees with the function catalog, the warehouse
 * schema files and the code; and each check catches a mistake seeded into a copy.
 */
class InfrastructureConsistencyTest {

  static final Map<String, String> VARIABLES = Map.of("project_id", "agenthub-demo", "environment", "prod");
  private static final Pattern GETENV = Pattern.compile("System\\.getenv\\(\"([A-Z0-9_]+)\"\\)");

  private static final Path root = Repository.ROOT;
  private static InfrastructureChecks checks;

  @TempDir
  Path copy;

  @BeforeAll
  static void evaluateTheRepositorysTerraform() {
    checks = checksOf(root);
  }

  @Test
  void everyCatalogFunctionIsDeployedWithItsEntryPointAndRuntimeAndNothingElseIs() {
    assertEquals(List.of(), checks.functionsMatchTheCatalog(Repository.javaRuntime()));
  }

  @Test
  void everyEnvironmentVariableTheCodeReadsIsSetAndSecretsAreNeverPlain() throws IOException {
    Set<String> read = variablesTheCodeReads();
    assertTrue(read.containsAll(Set.of("GOOGLE_CLOUD_PROJECT", "PLATFORM_ADMIN_TOKEN", "METRICS_CACHE_TTL_SECONDS")), "found " + read);
    assertEquals(List.of(), checks.everyVariableTheCodeReadsIsSet(read));
  }

  @Test
  void everyFunctionsJvmFlagsKeepTheHeapBound() {
    assertEquals(List.of(), checks.everyFunctionsJvmHasAHeapBound());
  }

  @Test
  void jvmFlagsWithoutTheHeapBoundAreReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/catalog.tf", "JAVA_TOOL_OPTIONS          = local.java_tool_options",
        "JAVA_TOOL_OPTIONS          = \"-XX:TieredStopAtLevel=1\"");
    assertTrue(seeded.everyFunctionsJvmHasAHeapBound().stream().anyMatch(p -> p.contains("[\"GetAgent\"] sets JAVA_TOOL_OPTIONS without")));
  }

  @Test
  void everySecretAFunctionMountsHasItsAccessorBinding() {
    assertEquals(List.of(), checks.everySecretHasItsAccessorBinding());
  }

  @Test
  void everyTopicAFunctionPublishesToGrantsItThePublisherRole() {
    assertEquals(List.of(), checks.everyPublisherMayPublish());
  }

  @Test
  void theWarehouseGrantsAreWhatEachGroupsFunctionsNeed() {
    assertEquals(List.of(), checks.warehouseGrantsMatchNeeds());
  }

  @Test
  void noBasicOrAdminRoleIsGranted() {
    assertEquals(List.of(), checks.noPrimitiveOrAdminRole());
  }

  @Test
  void everyDeadLetterTopicHasASubscription() {
    assertEquals(List.of(), checks.everyDeadLetterTopicHasASubscription());
  }

  @Test
  void everyTableIsCreatedFromItsSchemaFile() throws IOException {
    assertEquals(List.of(), checks.tablesComeFromTheSchemaFiles(root.resolve("terraform/bigquery")));
  }

  @Test
  void everyScheduledQueryRunsTheSqlFileTheLocalStackRuns() throws IOException {
    assertEquals(List.of(), checks.everyScheduledQueryRunsItsSqlFile(root.resolve("terraform/bigquery")));
  }

  @Test
  void theScheduledQueryAccountHoldsExactlyWhatItsSqlNeeds() throws IOException {
    assertEquals(List.of(), checks.scheduledQueryAccountsHoldWhatTheirSqlNeeds(root.resolve("terraform/bigquery")));
  }

  // Seeded mistakes, each in a copy of the repository's Terraform and catalog.

  @Test
  void aCatalogFunctionWithoutItsTerraformFunctionIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/functions.tf", "for_each = local.functions", "for_each = local.http_functions");
    assertTrue(seeded.functionsMatchTheCatalog(Repository.javaRuntime()).contains(
        "catalog function IngestChanges has no Terraform function (" + InfrastructureChecks.FUNCTION + ")"));
  }

  @Test
  void aCatalogEntryTerraformDoesNotDeployIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("functions/catalog.json", "\"functions\": [",
        "\"functions\": [\n    {\"name\": \"ArchiveAgents\", \"entry_point\": \"com.agenthub.functions.agents.ArchiveAgents\", "
            + "\"trigger\": \"http\", \"group\": \"agents\", \"needs\": [\"firestore\"]},");
    // The Terraform derives its functions from the catalog: the new entry is deployed, with its entry point.
    assertEquals(List.of(), seeded.functionsMatchTheCatalog(Repository.javaRuntime()));
    InfrastructureChecks hardCoded = seeded("terraform/functions.tf", "entry_point = each.value.entry_point",
        "entry_point = \"com.agenthub.functions.agents.GetAgent\"");
    assertTrue(hardCoded.functionsMatchTheCatalog(Repository.javaRuntime()).stream()
        .anyMatch(p -> p.contains("[\"CreateAgent\"] entry point com.agenthub.functions.agents.GetAgent")));
  }

  @Test
  void aRuntimeOtherThanThePomsJavaIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/catalog.tf", "java_runtime = \"java17\"", "java_runtime = \"java21\"");
    assertTrue(seeded.functionsMatchTheCatalog("java17").stream().anyMatch(p -> p.contains("runtime java21 != java17")));
  }

  @Test
  void aVariableTheCodeReadsButTerraformDoesNotSetIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/catalog.tf",
        "OUTBOX_SWEEP_GRACE_SECONDS = tostring(var.outbox_sweep_grace_seconds)", "");
    assertTrue(seeded.everyVariableTheCodeReadsIsSet(variablesTheCodeReads()).stream()
        .anyMatch(p -> p.contains("[\"RelayOutbox\"] does not set OUTBOX_SWEEP_GRACE_SECONDS")));
  }

  @Test
  void aSecretPassedAsAPlainVariableIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/catalog.tf", "GOOGLE_CLOUD_PROJECT       = var.project_id",
        "GOOGLE_CLOUD_PROJECT = var.project_id\n    PLATFORM_ADMIN_TOKEN = \"hunter2\"");
    assertTrue(seeded.everyVariableTheCodeReadsIsSet(variablesTheCodeReads()).stream()
        .anyMatch(p -> p.contains("passes the secret PLATFORM_ADMIN_TOKEN as a plain environment variable")));
  }

  @Test
  void aSecretWithoutItsAccessorBindingIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/iam.tf", "for secret in needs.secrets :", "for secret in [] :");
    List<String> problems = seeded.everySecretHasItsAccessorBinding();
    assertTrue(problems.contains("google_cloudfunctions2_function.function[\"CreateOrganization\"] mounts "
        + "google_secret_manager_secret.secret[\"PLATFORM_ADMIN_TOKEN\"] but google_service_account.group[\"organizations\"] "
        + "has no roles/secretmanager.secretAccessor on it"), problems::toString);
    long mounts = com.agenthub.functions.local.FunctionCatalog.load().functions().stream()
        .flatMap(f -> f.needs().stream()).filter(need -> need.startsWith("secret:")).count();
    assertEquals(mounts, problems.size(), "every mounted secret of every function is reported: " + problems);
  }

  @Test
  void aPublisherWithoutThePublisherRoleIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/iam.tf", "for topic in needs.publishes :", "for topic in [] :");
    assertTrue(seeded.everyPublisherMayPublish().stream().anyMatch(p -> p.startsWith(
        "google_cloudfunctions2_function.function[\"TrackEvents\"] publishes to analytics-events")));
  }

  @Test
  void aGroupThatOnlyQueriesButMayEditTheWarehouseIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/iam.tf", "group => needs if needs.bigquery_write }",
        "group => needs if needs.bigquery_read || needs.bigquery_write }");
    assertEquals(List.of("google_service_account.group[\"analytics\"] holds roles/bigquery.dataEditor on "
        + "google_bigquery_dataset.analytics but none of its functions inserts rows"), seeded.warehouseGrantsMatchNeeds());
  }

  @Test
  void anAdminRoleIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/iam.tf", "\"roles/logging.logWriter\",", "\"roles/logging.admin\",");
    assertEquals(List.of("google_project_iam_member.builder[\"roles/logging.admin\"] grants roles/logging.admin: "
        + "basic and admin roles are not allowed"), seeded.noPrimitiveOrAdminRole());
  }

  @Test
  void aDeadLetterTopicWithoutASubscriptionIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/pubsub.tf",
        "resource \"google_pubsub_subscription\" \"dead_letter\" {\n  for_each = local.consumed_topics",
        "resource \"google_pubsub_subscription\" \"dead_letter\" {\n  for_each = toset([])");
    assertTrue(seeded.everyDeadLetterTopicHasASubscription().contains(
        "dead-letter topic google_pubsub_topic.dead_letter[\"analytics-events\"] has no subscription: what is dead-lettered to it is lost"));
  }

  @Test
  void aTableWhoseSchemaIsNotItsSchemaFileIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/bigquery.tf",
        "schema      = file(\"${path.module}/bigquery/schemas/${each.key}.json\")",
        "schema      = each.key == \"agents\" ? jsonencode([{ name = \"agent\", type = \"STRING\" }]) : file(\"${path.module}/bigquery/schemas/${each.key}.json\")");
    assertEquals(List.of("google_bigquery_table.table[\"agents\"] schema is not bigquery/schemas/agents.json"),
        seeded.tablesComeFromTheSchemaFiles(root.resolve("terraform/bigquery")));
  }

  @Test
  void anAggregateTerraformDoesNotCreateIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/bigquery.tf",
        "concat(local.warehouse.tables, local.warehouse.aggregates)", "local.warehouse.tables");
    assertTrue(seeded.tablesComeFromTheSchemaFiles(root.resolve("terraform/bigquery")).stream()
        .anyMatch(p -> p.startsWith("Terraform creates tables") && p.contains("analytics_daily_metrics")));
  }

  @Test
  void aScheduledQueryRunningOtherSqlThanItsFileIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/scheduled_queries.tf",
        "recompute_days = each.value.recompute_days", "recompute_days = 1");
    assertEquals(List.of("google_bigquery_data_transfer_config.scheduled_query[\"refresh_analytics_daily_metrics\"] params.query is not "
        + "bigquery/scheduled_queries/refresh_analytics_daily_metrics.sql as the local stack runs it"),
        seeded.everyScheduledQueryRunsItsSqlFile(root.resolve("terraform/bigquery")));
  }

  @Test
  void aScheduledQueryWithoutItsServiceAccountIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/scheduled_queries.tf",
        "service_account_name = google_service_account.scheduled_queries.email", "");
    assertTrue(seeded.everyScheduledQueryRunsItsSqlFile(root.resolve("terraform/bigquery")).stream()
        .anyMatch(p -> p.contains("runs as whoever applied Terraform")));
  }

  @Test
  void aScheduledQueryAccountThatMayWriteWhatItOnlyReadsIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/scheduled_queries.tf",
        "analytics_events = \"roles/bigquery.dataViewer\"", "analytics_events = \"roles/bigquery.dataEditor\"");
    List<String> problems = seeded.scheduledQueryAccountsHoldWhatTheirSqlNeeds(root.resolve("terraform/bigquery"));
    assertTrue(problems.contains("google_bigquery_table_iam_member.scheduled_query_table[\"analytics_events\"] grants "
        + "google_service_account.scheduled_queries table analytics_events roles/bigquery.dataEditor: its scheduled queries need only "
        + "[project roles/bigquery.jobUser, table aggregate_refreshes roles/bigquery.dataEditor, "
        + "table analytics_daily_metrics roles/bigquery.dataEditor, table analytics_events roles/bigquery.dataViewer]"), problems::toString);
    assertTrue(problems.contains("google_service_account.scheduled_queries lacks table analytics_events roles/bigquery.dataViewer, "
        + "which its scheduled query's SQL needs"), problems::toString);
  }

  @Test
  void aDatasetWideGrantToTheScheduledQueryAccountIsReported() throws IOException {
    InfrastructureChecks seeded = seeded("terraform/scheduled_queries.tf", "resource \"google_bigquery_data_transfer_config\"",
        "resource \"google_bigquery_dataset_iam_member\" \"scheduled_query_dataset\" {\n"
            + "  dataset_id = google_bigquery_dataset.analytics.dataset_id\n  role       = \"roles/bigquery.dataEditor\"\n"
            + "  member     = google_service_account.scheduled_queries.member\n}\n\nresource \"google_bigquery_data_transfer_config\"");
    assertEquals(List.of("google_bigquery_dataset_iam_member.scheduled_query_dataset grants google_service_account.scheduled_queries "
        + "dataset roles/bigquery.dataEditor: its scheduled queries need only [project roles/bigquery.jobUser, "
        + "table aggregate_refreshes roles/bigquery.dataEditor, table analytics_daily_metrics roles/bigquery.dataEditor, "
        + "table analytics_events roles/bigquery.dataViewer]"),
        seeded.scheduledQueryAccountsHoldWhatTheirSqlNeeds(root.resolve("terraform/bigquery")));
  }

  /** The environment variables the Java code reads in Google Cloud: Settings' names and literal getenv calls. */
  static Set<String> variablesTheCodeReads() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Field field : Settings.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    for (String module : List.of("shared", "functions")) {
      try (Stream<Path> sources = Files.walk(root.resolve(module).resolve("src/main/java"))) {
        for (Path source : sources.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/local/")).toList()) {
          Matcher matcher = GETENV.matcher(Files.readString(source));
          while (matcher.find()) {
            names.add(matcher.group(1));
          }
        }
      }
    }
    names.removeAll(Settings.LOCAL_ONLY);
    return names;
  }

  private static InfrastructureChecks checksOf(Path repository) {
    return new InfrastructureChecks(new TerraformModel(repository, VARIABLES), repository.resolve("functions/catalog.json"));
  }

  /** A copy of the Terraform and the catalog with one text replaced (which must be there). */
  private InfrastructureChecks seeded(String file, String original, String replacement) throws IOException {
    Path copy = Files.createTempDirectory(this.copy, "seeded-");
    Repository.copyTree(root.resolve("terraform"), copy.resolve("terraform"), path -> false);
    Files.createDirectories(copy.resolve("functions"));
    Files.copy(root.resolve("functions/catalog.json"), copy.resolve("functions/catalog.json"));
    Path seededFile = copy.resolve(file);
    String text = Files.readString(seededFile);
    assertTrue(text.contains(original), file + " no longer contains the text this seeded mistake replaces: " + original);
    Files.writeString(seededFile, text.replace(original, replacement));
    return checksOf(copy);
  }


}
