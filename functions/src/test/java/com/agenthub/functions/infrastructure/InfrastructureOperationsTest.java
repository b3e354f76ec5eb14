package com.agenthub.functions.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.http.HttpLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * The operations Terraform — load balancer, Cloud Armor, SLOs and alerts, budget, request-log sink,
 * dashboards — evaluated by Terraform itself with every optional part on, agrees with the function
 * catalog; and each check catches a mistake seeded into a copy.
 */
class InfrastructureOperationsTest {

  /** Every optional part on, as a production environment with a domain and a billing account would have it. */
  static final Map<String, String> VARIABLES = Map.of(
      "project_id", "agenthub-demo",
      "environment", "prod",
      "load_balancer", "{ enabled = true, domain = \"api.agenthub.example\" }",
      "budget", "{ billing_account = \"012345-6789AB-CDEF01\", amount = 500 }",
      "alert_channels", "{ page = [\"oncall@agenthub.example\"], ticket = [\"ops@agenthub.example\"] }");

  private static final Pattern ENDPOINT_METHOD = Pattern.compile("HttpEndpoint\\.of\\(\"[A-Za-z]+\", \"([A-Z]+)\"");
  private static final List<Path> JAVA_SOURCES = List.of(
      Repository.ROOT.resolve("shared/src/main/java"), Repository.ROOT.resolve("functions/src/main/java"));
  private static OperationsChecks checks;

  @TempDir
  Path copies;

  @BeforeAll
  static void evaluateTheRepositorysTerraform() {
    checks = checksOf(Repository.ROOT);
  }

  @Test
  void everyHttpFunctionIsRoutedByTheUrlMapAtItsName() {
    assertEquals(List.of(), checks.everyHttpFunctionIsRoutedAtItsName());
  }

  @Test
  void noFunctionIsReachablePastTheLoadBalancer() {
    assertEquals(List.of(), checks.noFunctionIsReachablePastTheLoadBalancer());
  }

  @Test
  void cloudArmorThrottlesClientsWith429() {
    assertEquals(List.of(), checks.cloudArmorThrottlesWith429());
  }

  @Test
  void cloudArmorAllowsEveryMethodTheFunctionsServe() throws IOException {
    Set<String> served = methodsTheFunctionsServe();
    assertTrue(served.containsAll(Set.of("GET", "POST", "PATCH", "DELETE")), "found " + served);
    assertEquals(List.of(), checks.theEdgeAllowsEveryMethodTheFunctionsServe(served));
  }

  @Test
  void theEdgeBodyLimitIsTheFunctions() {
    assertEquals(List.of(), checks.theEdgeBodyLimitIsTheFunctions(HttpLimits.MAX_BODY_BYTES));
  }

  /** ImportEventHistory waits on three BigQuery DML jobs: its latency SLO is its catalog entry's, every other one the default. */
  @Test
  void aLatencySloFollowsItsCatalogEntryElseTheDefault() {
    Map<String, Long> thresholds = checks.latencySloThresholds();
    assertEquals(20_000L, thresholds.get("ImportEventHistory"));
    assertEquals(100L, thresholds.get("GetAgent"));
    assertEquals(Set.of(100L, 20_000L), Set.copyOf(thresholds.values()));
  }

  @Test
  void everyHttpFunctionHasItsSlosWithBurnRateAlertsAndEveryFunctionA5xxAlert() {
    assertEquals(List.of(), checks.everyHttpFunctionHasItsSlosAndAlerts());
  }

  @Test
  void everyDeadLetterAndPushSubscriptionIsWatched() {
    assertEquals(List.of(), checks.everySubscriptionIsWatched());
  }

  @Test
  void theBudgetHasItsFourThresholds() {
    assertEquals(List.of(), checks.theBudgetHasTheFourThresholds());
  }

  @Test
  void theSinkWriterHasNoMoreThanItNeeds() {
    assertEquals(List.of(), checks.theSinkWriterHasNoMoreThanItNeeds());
  }

  @Test
  void dashboardsParseAndNameOnlyCatalogFunctions() {
    assertEquals(List.of(), checks.dashboardsParseAndNameOnlyCatalogFunctions());
  }

  @Test
  void aNewCatalogFunctionIsRoutedAndGetsItsSlosAndAlertsWithoutTouchingTheTerraform() throws IOException {
    OperationsChecks seeded = seeded("functions/catalog.json", "\"functions\": [",
        "\"functions\": [\n    {\"name\": \"ArchiveAgents\", \"entry_point\": \"com.agenthub.functions.agents.ArchiveAgents\", "
            + "\"trigger\": \"http\", \"group\": \"agents\", \"needs\": [\"firestore\"]},");
    assertEquals(List.of(), seeded.everyHttpFunctionIsRoutedAtItsName());
    assertEquals(List.of(), seeded.everyHttpFunctionHasItsSlosAndAlerts());
  }

  // Seeded mistakes, each in a copy of the repository's Terraform and catalog.

  @Test
  void aFunctionLeftOutOfTheUrlMapIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/loadbalancer.tf", "for_each = local.routed_functions\n      content {",
        "for_each = { for name, f in local.routed_functions : name => f if name != \"GetAgent\" }\n      content {");
    assertEquals(List.of("HTTP function GetAgent is not routed at /GetAgent by the URL map"), seeded.everyHttpFunctionIsRoutedAtItsName());
  }

  @Test
  void aPathOtherThanTheFunctionsNameIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/loadbalancer.tf", "paths   = [\"/${path_rule.key}\"]",
        "paths   = [\"/${lower(path_rule.key)}\"]");
    List<String> problems = seeded.everyHttpFunctionIsRoutedAtItsName();
    assertTrue(problems.contains("HTTP function CreateAgent is not routed at /CreateAgent by the URL map"), problems.toString());
    assertTrue(problems.contains("/createagent is routed to CreateAgent but is not the path of an HTTP catalog function"), problems.toString());
  }

  @Test
  void aPathRoutedToAnotherFunctionsNegIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/loadbalancer.tf", "service = google_cloudfunctions2_function.function[each.key].name",
        "service = google_cloudfunctions2_function.function[sort(keys(local.routed_functions))[0]].name");
    String first = firstHttpFunctionByName();
    List<String> problems = seeded.everyHttpFunctionIsRoutedAtItsName();
    assertTrue(problems.contains("/CreateAgent routes to " + first + ", not to CreateAgent"), problems.toString());
  }

  @Test
  void aFunctionReachableWithoutTheLoadBalancerIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/functions.tf", "\"ALLOW_INTERNAL_AND_GCLB\" : \"ALLOW_ALL\"", "\"ALLOW_ALL\" : \"ALLOW_ALL\"");
    assertTrue(seeded.noFunctionIsReachablePastTheLoadBalancer().contains(InfrastructureChecks.FUNCTION + "[\"CreateAgent\"] ingress is "
        + "ALLOW_ALL, not ALLOW_INTERNAL_AND_GCLB: it can be reached without passing the load balancer and Cloud Armor"));
  }

  @Test
  void aBackendWithoutCloudArmorIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/loadbalancer.tf", "  security_policy       = google_compute_security_policy.api[0].id\n", "");
    assertTrue(seeded.noFunctionIsReachablePastTheLoadBalancer().contains(
        "google_compute_backend_service.function[\"GetAgent\"] has no Cloud Armor security_policy"));
  }

  @Test
  void aRateLimitThatDoesNotAnswer429IsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/loadbalancer.tf", "exceed_action       = \"deny(429)\"", "exceed_action       = \"deny(403)\"");
    assertEquals(List.of("no google_compute_security_policy rule throttles with exceed_action deny(429)"), seeded.cloudArmorThrottlesWith429());
  }

  @Test
  void aMissingLatencySloIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/slo.tf", "setproduct(keys(local.slo_functions), [\"availability\", \"latency\"])",
        "setproduct(keys(local.slo_functions), [\"availability\"])");
    assertTrue(seeded.everyHttpFunctionHasItsSlosAndAlerts().contains("HTTP function GetMetrics has no latency SLO"));
  }

  @Test
  void aBurnRateOtherThanTheWorkbooksIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/slo.tf", "slow = { to = \"page\", burn_rate = 6,", "slow = { to = \"page\", burn_rate = 3,");
    assertTrue(seeded.everyHttpFunctionHasItsSlosAndAlerts().contains("google_monitoring_slo.function[\"GetAgent availability\"] "
        + "(GetAgent availability) has no burn-rate alert: page at 6.0x over 21600s and 1800s"));
  }

  @Test
  void aTicketAlertThatPagesIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/slo.tf", "drip = { to = \"ticket\"", "drip = { to = \"page\"");
    assertTrue(seeded.everyHttpFunctionHasItsSlosAndAlerts().contains("google_monitoring_slo.function[\"TrackEvents latency\"] "
        + "(TrackEvents latency) has no burn-rate alert: ticket at 1.0x over 259200s and 21600s"));
  }

  @Test
  void aFunctionWithoutA5xxAlertIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/monitoring_pipeline.tf", "for_each = local.pipeline_alerts_on ? local.functions : {}",
        "for_each = local.pipeline_alerts_on ? local.http_functions : {}");
    assertTrue(seeded.everyHttpFunctionHasItsSlosAndAlerts().contains("function IngestChanges has no 5xx-ratio alert on its service ingest-changes"));
  }

  @Test
  void anUnwatchedDeadLetterSubscriptionIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/monitoring_pipeline.tf", "for_each = local.pipeline_alerts_on ? local.consumed_topics : toset([])",
        "for_each = toset([])");
    assertTrue(seeded.everySubscriptionIsWatched().contains(
        "google_pubsub_subscription.dead_letter[\"platform-changes\"] (platform-changes-dead-letter-sub) has no alert on the messages it holds"));
  }

  @Test
  void aBudgetWithoutTheForecastThresholdIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/budget.tf", "spend_basis       = \"FORECASTED_SPEND\"", "spend_basis       = \"CURRENT_SPEND\"");
    assertEquals(List.of("google_billing_budget.project[\"0\"] thresholds are [0.5 CURRENT_SPEND, 0.8 CURRENT_SPEND, 1.0 CURRENT_SPEND], "
        + "not [0.5 CURRENT_SPEND, 0.8 CURRENT_SPEND, 1.0 CURRENT_SPEND, 1.0 FORECASTED_SPEND]"), seeded.theBudgetHasTheFourThresholds());
  }

  @Test
  void aSinkWriterGrantedTheAnalyticsDatasetIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/logging.tf",
        "dataset_id = google_bigquery_dataset.system_metrics[0].dataset_id\n  role       = \"roles/bigquery.dataEditor\"",
        "dataset_id = google_bigquery_dataset.analytics.dataset_id\n  role       = \"roles/bigquery.dataEditor\"");
    assertEquals(List.of("google_bigquery_dataset_iam_member.request_log_writer[\"0\"] grants roles/bigquery.dataEditor on "
        + "google_bigquery_dataset.analytics to google_logging_project_sink.request_logs's writer, which writes only to "
        + "google_bigquery_dataset.system_metrics"), seeded.theSinkWriterHasNoMoreThanItNeeds());
  }

  @Test
  void aSinkWriterWithMoreThanDataEditorIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/logging.tf", "role       = \"roles/bigquery.dataEditor\"\n  member     = google_logging_project_sink",
        "role       = \"roles/bigquery.dataOwner\"\n  member     = google_logging_project_sink");
    assertEquals(List.of("google_bigquery_dataset_iam_member.request_log_writer[\"0\"] grants roles/bigquery.dataOwner to "
        + "google_logging_project_sink.request_logs's writer: it needs roles/bigquery.dataEditor, no more"),
        seeded.theSinkWriterHasNoMoreThanItNeeds());
  }

  @Test
  void aDashboardNamingAFunctionNotInTheCatalogIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/dashboards/operations.json",
        "\"filter\": \"resource.type=\\\"cloud_run_revision\\\" AND metric.type=\\\"run.googleapis.com/request_count\\\"\"",
        "\"filter\": \"resource.type=\\\"cloud_run_revision\\\" AND metric.type=\\\"run.googleapis.com/request_count\\\" "
            + "AND resource.label.\\\"service_name\\\"=\\\"create-agnet\\\"\"");
    assertEquals(List.of("google_monitoring_dashboard.dashboard[\"operations.json\"] names service_name \"create-agnet\", "
        + "which is not in functions/catalog.json"), seeded.dashboardsParseAndNameOnlyCatalogFunctions());
  }

  @Test
  void aDashboardThatDoesNotParseIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/dashboards/operations.json", "\"displayName\": \"AgentHub operations\",",
        "\"displayName\": \"AgentHub operations\",,");
    List<String> problems = seeded.dashboardsParseAndNameOnlyCatalogFunctions();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("google_monitoring_dashboard.dashboard[\"operations.json\"] is not a JSON object"), problems.toString());
  }

  @Test
  void everyLogFieldTheTerraformReadsIsOneTheCodeWrites() throws IOException {
    assertEquals(List.of(), OperationsChecks.everyLogFieldReadIsWritten(Repository.ROOT.resolve("terraform"), JAVA_SOURCES));
  }

  @Test
  void aLogFieldTheCodeDoesNotWriteIsReported() throws IOException {
    Path copy = Repository.seededCopy(copies, "terraform/monitoring_pipeline.tf", "EXTRACT(jsonPayload.latency_ms)", "EXTRACT(jsonPayload.latencyMs)");
    assertEquals(List.of("monitoring_pipeline.tf reads jsonPayload.latencyMs, which no log line of the code writes"),
        OperationsChecks.everyLogFieldReadIsWritten(copy.resolve("terraform"), JAVA_SOURCES));
  }

  @Test
  void theVariablesValidationsRunAndRefuseAnEnabledLoadBalancerWithoutADomain() {
    Map<String, String> variables = new HashMap<>(VARIABLES);
    variables.put("load_balancer", "{ enabled = true }");
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> checksOf(Repository.ROOT, variables));
    assertTrue(refused.getMessage().contains("load_balancer.domain must be a DNS name"), refused.getMessage());
  }

  @Test
  void aValidationThatFailsOnTheDefaultsIsReported() throws IOException {
    Path copy = Repository.seededCopy(copies, "terraform/budget.tf", "condition     = var.budget == null ? true : var.budget.amount >= 1",
        "condition     = var.budget.amount >= 1");
    Map<String, String> defaults = Map.of("project_id", "agenthub-demo", "environment", "prod");
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> checksOf(copy, defaults));
    assertTrue(refused.getMessage().contains("Attempt to get attribute from null value"), refused.getMessage());
  }

  @Test
  void aMethodTheEdgeRefusesIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/loadbalancer.tf", "api_methods = [\"GET\", \"POST\", \"PATCH\", \"DELETE\"]",
        "api_methods = [\"GET\", \"POST\", \"DELETE\"]");
    assertEquals(List.of("a function serves PATCH but Cloud Armor allows only [DELETE, GET, POST] (local.api_methods)"),
        seeded.theEdgeAllowsEveryMethodTheFunctionsServe(methodsTheFunctionsServe()));
  }

  @Test
  void anEdgeBodyLimitOtherThanTheFunctionsIsReported() throws IOException {
    OperationsChecks seeded = seeded("terraform/loadbalancer.tf", "max_body_bytes = optional(number, 1048576)", "max_body_bytes = optional(number, 65536)");
    assertEquals(List.of("load_balancer.max_body_bytes is 65536 but the functions accept 1048576 bytes (HttpLimits.MAX_BODY_BYTES)"),
        seeded.theEdgeBodyLimitIsTheFunctions(HttpLimits.MAX_BODY_BYTES));
  }

  /** The HTTP catalog function whose name sorts first (other work adds functions to the catalog). */
  private static String firstHttpFunctionByName() throws IOException {
    Set<String> names = new TreeSet<>();
    com.google.gson.JsonParser.parseString(Files.readString(Repository.ROOT.resolve("functions/catalog.json"))).getAsJsonObject()
        .getAsJsonArray("functions").forEach(f -> {
          if ("http".equals(f.getAsJsonObject().get("trigger").getAsString())) {
            names.add(f.getAsJsonObject().get("name").getAsString());
          }
        });
    return names.iterator().next();
  }

  /** The methods of every HttpEndpoint.of("Name", "METHOD", ...) in the functions. */
  static Set<String> methodsTheFunctionsServe() throws IOException {
    Set<String> methods = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Repository.ROOT.resolve("functions/src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher matcher = ENDPOINT_METHOD.matcher(Files.readString(source));
        while (matcher.find()) {
          methods.add(matcher.group(1));
        }
      }
    }
    return methods;
  }

  private static OperationsChecks checksOf(Path repository) {
    return checksOf(repository, VARIABLES);
  }

  private static OperationsChecks checksOf(Path repository, Map<String, String> variables) {
    return new OperationsChecks(new TerraformModel(repository, variables), repository.resolve("functions/catalog.json"));
  }

  private OperationsChecks seeded(String file, String original, String replacement) throws IOException {
    return checksOf(Repository.seededCopy(copies, file, original, replacement));
  }
}
