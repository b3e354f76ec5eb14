package com.agenthub.functions.infrastructure;

import com.agenthub.functions.infrastructure.TerraformModel.Instance;
import com.agenthub.functions.infrastructure.TerraformModel.Reference;
import com.agenthub.functions.infrastructure.TerraformModel.Resource;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of the BigQuery scheduled queries (pre-computed analytics): each declared query is
 * scheduled with the very SQL file the local stack and the tests run, as a service account, and
 * that account holds exactly what the SQL needs — job creation, read on the tables it reads,
 * write on the tables it writes — table by table.
 */
final class ScheduledQueryChecks {

  static final String TRANSFER = "google_bigquery_data_transfer_config";
  /** DML targets (INTO and FROM are optional in BigQuery's INSERT, DELETE and MERGE). */
  private static final Pattern WRITES = Pattern.compile(
      "(?i)\\b(?:INSERT|DELETE|MERGE|UPDATE)\\s+(?:(?:INTO|FROM)\\s+)?`\\$\\{project_id}\\.\\$\\{dataset_id}\\.([a-z0-9_]+)`");
  private static final Pattern TABLES = Pattern.compile("`\\$\\{project_id}\\.\\$\\{dataset_id}\\.([a-z0-9_]+)`");
  /** Where a grant applies, by the IAM resource type that carries it. */
  private static final Map<String, String> SCOPES = Map.of(
      "google_project_iam_member", "project",
      "google_bigquery_dataset_iam_member", "dataset",
      "google_bigquery_table_iam_member", "table");

  private final TerraformModel terraform;
  private final String projectId;

  ScheduledQueryChecks(TerraformModel terraform, String projectId) {
    this.terraform = terraform;
    this.projectId = projectId;
  }

  /** Every declared scheduled query is one transfer config of data source scheduled_query, on its schedule, running its SQL file. */
  List<String> everyScheduledQueryRunsItsSqlFile(Path warehouseDirectory) throws IOException {
    List<String> problems = new ArrayList<>();
    JsonObject declaration = JsonParser.parseString(Files.readString(warehouseDirectory.resolve("tables.json"))).getAsJsonObject();
    Map<String, Instance> scheduled = new LinkedHashMap<>();
    terraform.resources(TRANSFER).forEach(r -> terraform.instances(r).forEach(i -> scheduled.put(i.key(), i)));
    Set<String> declared = new TreeSet<>();
    for (JsonElement element : declaration.getAsJsonArray("scheduled_queries")) {
      JsonObject query = element.getAsJsonObject();
      String name = query.get("name").getAsString();
      declared.add(name);
      Instance instance = scheduled.get(name);
      if (instance == null) {
        problems.add("scheduled query " + name + " of bigquery/tables.json has no " + TRANSFER);
        continue;
      }
      String expected = Files.readString(warehouseDirectory.resolve("scheduled_queries/" + name + ".sql"))
          .replace("${project_id}", projectId)
          .replace("${dataset_id}", declaration.get("dataset").getAsString())
          .replace("${recompute_days}", query.get("recompute_days").getAsString());
      JsonElement params = terraform.value(instance, "params");
      if (!params.isJsonObject() || !params.getAsJsonObject().has("query")
          || !expected.equals(params.getAsJsonObject().get("query").getAsString())) {
        problems.add(instance + " params.query is not bigquery/scheduled_queries/" + name + ".sql as the local stack runs it");
      }
      if (!"scheduled_query".equals(terraform.value(instance, "data_source_id").getAsString())) {
        problems.add(instance + " is not a scheduled query (data_source_id)");
      }
      if (!query.get("schedule").equals(terraform.value(instance, "schedule"))) {
        problems.add(instance + " schedule is not " + query.get("schedule") + " as bigquery/tables.json declares");
      }
      if (account(instance).isEmpty()) {
        problems.add(instance + " runs as whoever applied Terraform: service_account_name must name a google_service_account");
      }
    }
    for (String name : scheduled.keySet()) {
      if (!declared.contains(name)) {
        problems.add(TRANSFER + "[\"" + name + "\"] is not declared in bigquery/tables.json");
      }
    }
    return problems;
  }

  /**
   * The account each scheduled query runs as holds roles/bigquery.jobUser on the project,
   * roles/bigquery.dataViewer on each table its SQL only reads and roles/bigquery.dataEditor on each
   * table it writes — and nothing else anywhere.
   */
  List<String> scheduledQueryAccountsHoldWhatTheirSqlNeeds(Path warehouseDirectory) throws IOException {
    List<String> problems = new ArrayList<>();
    Map<Reference, Set<String>> needed = new LinkedHashMap<>();
    for (Resource resource : terraform.resources(TRANSFER)) {
      for (Instance instance : terraform.instances(resource)) {
        Optional<Reference> account = account(instance);
        if (account.isEmpty()) {
          continue;
        }
        String sql = Files.readString(warehouseDirectory.resolve("scheduled_queries/" + instance.key() + ".sql"));
        Set<String> grants = needed.computeIfAbsent(account.get(), a -> new TreeSet<>());
        grants.add("project roles/bigquery.jobUser");
        Set<String> written = matches(WRITES, sql);
        for (String table : matches(TABLES, sql)) {
          grants.add("table " + table + (written.contains(table) ? " roles/bigquery.dataEditor" : " roles/bigquery.dataViewer"));
        }
      }
    }
    needed.forEach((account, grants) -> {
      String who = account.address() + (account.key().isEmpty() ? "" : "[\"" + account.key() + "\"]");
      Map<String, Instance> held = grantsTo(account);
      held.forEach((grant, instance) -> {
        if (!grants.contains(grant)) {
          problems.add(instance + " grants " + who + " " + grant + ": its scheduled queries need only " + grants);
        }
      });
      for (String grant : grants) {
        if (!held.containsKey(grant)) {
          problems.add(who + " lacks " + grant + ", which its scheduled query's SQL needs");
        }
      }
    });
    return problems;
  }

  /** Every IAM member grant to the account: "scope role" (scope: project, dataset, or table NAME) -> the granting instance. */
  private Map<String, Instance> grantsTo(Reference account) {
    Map<String, Instance> held = new LinkedHashMap<>();
    for (Map.Entry<String, String> scope : SCOPES.entrySet()) {
      for (Resource resource : terraform.resources(scope.getKey())) {
        // Only grants whose member names the account's resource at all are evaluated (each evaluation runs Terraform).
        if (!TerraformModel.hcl(resource.body().get("member")).contains(account.address() + ".")
            && !TerraformModel.hcl(resource.body().get("member")).contains(account.address() + "[")) {
          continue;
        }
        for (Instance grant : terraform.instances(resource)) {
          Optional<Reference> member = terraform.reference(grant, resource.body().get("member"));
          if (member.isEmpty() || !member.get().address().equals(account.address()) || !member.get().key().equals(account.key())) {
            continue;
          }
          String where = scope.getValue();
          if (where.equals("table")) {
            where = terraform.reference(grant, resource.body().get("table_id")).map(t -> "table " + t.key())
                .orElseGet(() -> "table " + terraform.value(grant, "table_id").getAsString());
          }
          held.put(where + " " + terraform.value(grant, "role").getAsString(), grant);
        }
      }
    }
    return held;
  }

  private Optional<Reference> account(Instance transfer) {
    return terraform.reference(transfer, transfer.resource().body().get("service_account_name"))
        .filter(r -> r.address().startsWith("google_service_account."));
  }

  private static Set<String> matches(Pattern pattern, String sql) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = pattern.matcher(sql);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }
}
