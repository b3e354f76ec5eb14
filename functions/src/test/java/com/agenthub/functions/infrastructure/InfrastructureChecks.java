package com.agenthub.functions.infrastructure;

import com.agenthub.functions.infrastructure.TerraformModel.Instance;
import com.agenthub.functions.infrastructure.TerraformModel.Reference;
import com.agenthub.functions.infrastructure.TerraformModel.Resource;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Cross-checks between the Terraform (evaluated by Terraform itself), the function catalog and the
 * code. Each returns what is wrong, naming the resource; nothing wrong is an empty list.
 */
final class InfrastructureChecks {

  static final String FUNCTION = "google_cloudfunctions2_function.function";
  private static final String WAREHOUSE_DATASET = "google_bigquery_dataset.analytics";
  private static final String GROUP_ACCOUNT = "google_service_account.group";
  private static final Pattern FORBIDDEN_ROLE = Pattern.compile("roles/(owner|editor|viewer)|.*[Aa]dmin.*");

  /** A role on a target resource instance, granted to one of the group service accounts. */
  private record Grant(String target, String targetKey, String group) {}

  private final TerraformModel terraform;
  private final JsonObject catalog;

  InfrastructureChecks(TerraformModel terraform, Path catalogFile) {
    this.terraform = terraform;
    try {
      this.catalog = JsonParser.parseString(Files.readString(catalogFile)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every catalog function is one Terraform function instance with its entry point and runtime, and vice versa. */
  List<String> functionsMatchTheCatalog(String javaRuntime) {
    List<String> problems = new ArrayList<>();
    List<Resource> declared = terraform.resources("google_cloudfunctions2_function");
    if (declared.size() != 1) {
      problems.add("expected one google_cloudfunctions2_function resource driven by the catalog, found " + declared.size());
      return problems;
    }
    Map<String, Instance> deployed = byKey(terraform.instances(declared.get(0)));
    Map<String, String> entryPoints = catalogEntryPoints();
    for (String name : entryPoints.keySet()) {
      if (!deployed.containsKey(name)) {
        problems.add("catalog function " + name + " has no Terraform function (" + FUNCTION + ")");
      }
    }
    for (String name : deployed.keySet()) {
      if (!entryPoints.containsKey(name)) {
        problems.add(FUNCTION + "[\"" + name + "\"] is not in functions/catalog.json");
      }
    }
    List<Instance> both = deployed.values().stream().filter(i -> entryPoints.containsKey(i.key())).toList();
    terraform.values(both, "build_config", "entry_point").forEach((instance, value) -> {
      if (!value.getAsString().equals(entryPoints.get(instance.key()))) {
        problems.add(instance + " entry point " + value.getAsString() + " != catalog's " + entryPoints.get(instance.key()));
      }
    });
    terraform.values(both, "build_config", "runtime").forEach((instance, value) -> {
      if (!value.getAsString().equals(javaRuntime)) {
        problems.add(instance + " runtime " + value.getAsString() + " != " + javaRuntime + " (the POM's Java release)");
      }
    });
    return problems;
  }

  /**
   * Every function's JAVA_TOOL_OPTIONS bounds the heap: setting that variable at all turns off the
   * buildpack launcher's own -XX:MaxRAM, and a JVM without it may size its heap past the instance.
   */
  List<String> everyFunctionsJvmHasAHeapBound() {
    List<String> problems = new ArrayList<>();
    List<Instance> functions = terraform.instances(terraform.resource(FUNCTION));
    terraform.values(functions, "service_config", "environment_variables").forEach((function, variables) -> {
      JsonElement options = variables.getAsJsonObject().get("JAVA_TOOL_OPTIONS");
      if (options != null && !(options.getAsString().contains("-XX:MaxRAM=") && options.getAsString().contains("-XX:MaxRAMPercentage="))) {
        problems.add(function + " sets JAVA_TOOL_OPTIONS without -XX:MaxRAM and -XX:MaxRAMPercentage: " + options.getAsString());
      }
    });
    return problems;
  }

  /** Every variable the Java code reads is set on every function, and no secret travels as a plain variable. */
  List<String> everyVariableTheCodeReadsIsSet(Set<String> readByCode) {
    List<String> problems = new ArrayList<>();
    Set<String> secretNames = secretNames();
    List<Instance> functions = functionInstances();
    terraform.values(functions, "service_config", "environment_variables").forEach((function, variables) -> {
      Set<String> plain = variables.getAsJsonObject().keySet();
      Set<String> secret = secretVariables(function).keySet();
      for (String variable : readByCode) {
        if (!plain.contains(variable) && !secret.contains(variable) && !secretNames.contains(variable)) {
          problems.add(function + " does not set " + variable + ", which the code reads");
        }
      }
      for (String variable : plain) {
        if (secretNames.contains(variable)) {
          problems.add(function + " passes the secret " + variable + " as a plain environment variable");
        }
      }
      Set<String> needed = new TreeSet<>(catalogNeeds(function.key(), "secret:"));
      if (!needed.equals(secret)) {
        problems.add(function + " mounts secrets " + secret + " but the catalog says it needs " + needed);
      }
    });
    return problems;
  }

  /** Every secret a function mounts can be read by that function's service account. */
  List<String> everySecretHasItsAccessorBinding() {
    List<String> problems = new ArrayList<>();
    List<Grant> grants = grants("google_secret_manager_secret_iam_member", "secret_id", "roles/secretmanager.secretAccessor");
    for (Instance function : functionInstances()) {
      Reference account = serviceAccount(function);
      secretVariables(function).forEach((variable, secret) -> {
        if (grants.stream().noneMatch(g -> g.equals(new Grant(secret.address(), secret.key(), account.key())))) {
          problems.add(function + " mounts " + secret.address() + "[\"" + secret.key() + "\"] but "
              + account.address() + "[\"" + account.key() + "\"] has no roles/secretmanager.secretAccessor on it");
        }
      });
    }
    return problems;
  }

  /** Every topic a catalog function publishes to grants roles/pubsub.publisher to its service account. */
  List<String> everyPublisherMayPublish() {
    List<String> problems = new ArrayList<>();
    List<Grant> grants = grants("google_pubsub_topic_iam_member", "topic", "roles/pubsub.publisher");
    for (Instance function : functionInstances()) {
      Reference account = serviceAccount(function);
      for (String topic : catalogNeeds(function.key(), "publish:")) {
        if (grants.stream().noneMatch(g -> g.equals(new Grant("google_pubsub_topic.topic", topic, account.key())))) {
          problems.add(function + " publishes to " + topic + " but " + account.address() + "[\"" + account.key()
              + "\"] has no roles/pubsub.publisher on google_pubsub_topic.topic[\"" + topic + "\"]");
        }
      }
    }
    return problems;
  }

  /**
   * A function that queries the analytics dataset (bigquery:read) may read it and run jobs; one
   * that inserts rows (bigquery:write) may edit its data; and no group's account holds more on it
   * than its functions' needs say (least privilege: GetMetrics only reads).
   */
  List<String> warehouseGrantsMatchNeeds() {
    List<String> problems = new ArrayList<>();
    Set<String> editors = datasetGrantees("roles/bigquery.dataEditor");
    Set<String> viewers = datasetGrantees("roles/bigquery.dataViewer");
    Set<String> jobUsers = projectGrantees("roles/bigquery.jobUser");
    Map<String, Set<String>> needsOfAccount = new TreeMap<>();
    for (Instance function : functionInstances()) {
      String account = serviceAccount(function).key();
      List<String> needs = catalogNeeds(function.key(), "bigquery:");
      needsOfAccount.computeIfAbsent(account, a -> new TreeSet<>()).addAll(needs);
      String holder = GROUP_ACCOUNT + "[\"" + account + "\"]";
      if (needs.contains("write") && !editors.contains(account)) {
        problems.add(function + " inserts rows (bigquery:write) but " + holder + " has no roles/bigquery.dataEditor on " + WAREHOUSE_DATASET);
      }
      if (needs.contains("read") && !viewers.contains(account) && !editors.contains(account)) {
        problems.add(function + " queries (bigquery:read) but " + holder + " has no roles/bigquery.dataViewer on " + WAREHOUSE_DATASET);
      }
      if (needs.contains("read") && !jobUsers.contains(account)) {
        problems.add(function + " queries (bigquery:read) but " + holder + " has no roles/bigquery.jobUser on the project");
      }
    }
    needsOfAccount.forEach((account, needs) -> {
      String holder = GROUP_ACCOUNT + "[\"" + account + "\"]";
      if (editors.contains(account) && !needs.contains("write")) {
        problems.add(holder + " holds roles/bigquery.dataEditor on " + WAREHOUSE_DATASET + " but none of its functions inserts rows");
      }
      if (viewers.contains(account) && !needs.contains("read")) {
        problems.add(holder + " holds roles/bigquery.dataViewer on " + WAREHOUSE_DATASET + " but none of its functions queries it");
      }
      if (jobUsers.contains(account) && !needs.contains("read")) {
        problems.add(holder + " holds roles/bigquery.jobUser but none of its functions queries");
      }
    });
    return problems;
  }

  private Set<String> datasetGrantees(String role) {
    Set<String> accounts = new TreeSet<>();
    grants("google_bigquery_dataset_iam_member", "dataset_id", role).stream()
        .filter(grant -> grant.target().equals(WAREHOUSE_DATASET)).forEach(grant -> accounts.add(grant.group()));
    return accounts;
  }

  /** The group accounts granted {@code role} on the project. */
  private Set<String> projectGrantees(String role) {
    Set<String> accounts = new TreeSet<>();
    for (Resource resource : terraform.resources("google_project_iam_member")) {
      for (Instance grant : terraform.instances(resource)) {
        if (role.equals(terraform.value(grant, "role").getAsString())) {
          terraform.reference(grant, resource.body().get("member")).filter(member -> member.address().equals(GROUP_ACCOUNT))
              .ifPresent(member -> accounts.add(member.key()));
        }
      }
    }
    return accounts;
  }

  /** No basic role (owner, editor, viewer) and no administrator role is granted anywhere. */
  List<String> noPrimitiveOrAdminRole() {
    List<String> problems = new ArrayList<>();
    for (Resource resource : terraform.resources()) {
      if (!resource.body().has("role")) {
        continue;
      }
      terraform.values(terraform.instances(resource), "role").forEach((instance, role) -> {
        if (FORBIDDEN_ROLE.matcher(role.getAsString()).matches()) {
          problems.add(instance + " grants " + role.getAsString() + ": basic and admin roles are not allowed");
        }
      });
    }
    return problems;
  }

  /** Every dead-letter topic has a subscription, and every push subscription dead-letters within Pub/Sub's 5-100 attempts. */
  List<String> everyDeadLetterTopicHasASubscription() {
    List<String> problems = new ArrayList<>();
    Set<String> subscribedTopics = new TreeSet<>();
    List<Instance> subscriptions = new ArrayList<>();
    for (Resource resource : terraform.resources("google_pubsub_subscription")) {
      for (Instance subscription : terraform.instances(resource)) {
        subscriptions.add(subscription);
        terraform.reference(subscription, TerraformModel.attribute(resource.body(), "topic"))
            .ifPresent(topic -> subscribedTopics.add(topic.address() + "[\"" + topic.key() + "\"]"));
      }
    }
    Set<String> deadLetterTopics = new TreeSet<>();
    for (Instance subscription : subscriptions) {
      JsonElement target = TerraformModel.attribute(subscription.resource().body(), "dead_letter_policy", "dead_letter_topic");
      if (target == null) {
        continue;
      }
      terraform.reference(subscription, target).ifPresent(topic -> deadLetterTopics.add(topic.address() + "[\"" + topic.key() + "\"]"));
      int attempts = terraform.value(subscription, "dead_letter_policy", "max_delivery_attempts").getAsInt();
      if (attempts < 5 || attempts > 100) {
        problems.add(subscription + " max_delivery_attempts " + attempts + " is outside Pub/Sub's 5-100");
      }
    }
    for (String topic : deadLetterTopics) {
      if (!subscribedTopics.contains(topic)) {
        problems.add("dead-letter topic " + topic + " has no subscription: what is dead-lettered to it is lost");
      }
    }
    if (deadLetterTopics.isEmpty()) {
      problems.add("no subscription has a dead-letter policy");
    }
    return problems;
  }

  /** Every warehouse table and aggregate's schema is its schema file, partitioned by day on the declared field and clustered as declared. */
  List<String> tablesComeFromTheSchemaFiles(Path warehouseDirectory) throws IOException {
    List<String> problems = new ArrayList<>();
    JsonObject tablesFile = JsonParser.parseString(Files.readString(warehouseDirectory.resolve("tables.json"))).getAsJsonObject();
    Map<String, JsonObject> tables = new LinkedHashMap<>();
    tablesFile.getAsJsonArray("tables").forEach(t -> tables.put(t.getAsJsonObject().get("name").getAsString(), t.getAsJsonObject()));
    tablesFile.getAsJsonArray("aggregates").forEach(t -> tables.put(t.getAsJsonObject().get("name").getAsString(), t.getAsJsonObject()));
    Map<String, Instance> created = new LinkedHashMap<>();
    for (Resource resource : terraform.resources("google_bigquery_table")) {
      // Tables of the warehouse dataset only (the system-metrics dataset's request-log table is the log sink's).
      if (resource.body().has("schema") && resource.body().get("dataset_id").getAsString().contains(WAREHOUSE_DATASET + ".")) {
        created.putAll(byKey(terraform.instances(resource)));
      }
    }
    if (!created.keySet().equals(tables.keySet())) {
      problems.add("Terraform creates tables " + created.keySet() + " but bigquery/tables.json declares " + tables.keySet());
    }
    List<Instance> declared = created.values().stream().filter(t -> tables.containsKey(t.key())).toList();
    // Each attribute of every table in one Terraform run.
    Map<Instance, JsonElement> schemas = terraform.values(declared, "schema");
    Map<Instance, JsonElement> partitioning = terraform.values(declared, "time_partitioning", "type");
    Map<Instance, JsonElement> partitionFields = terraform.values(declared, "time_partitioning", "field");
    Map<Instance, JsonElement> clustering = terraform.values(declared, "clustering");
    for (Instance table : declared) {
      JsonObject declaration = tables.get(table.key());
      JsonElement schema = JsonParser.parseString(schemas.get(table).getAsString());
      JsonElement file = JsonParser.parseString(Files.readString(warehouseDirectory.resolve("schemas/" + table.key() + ".json")));
      if (!schema.equals(file)) {
        problems.add(table + " schema is not bigquery/schemas/" + table.key() + ".json");
      }
      if (!"DAY".equals(partitioning.get(table).getAsString()) || !declaration.get("partition_field").equals(partitionFields.get(table))) {
        problems.add(table + " is not partitioned by day on " + declaration.get("partition_field"));
      }
      if (!declaration.get("clustering").equals(clustering.get(table))) {
        problems.add(table + " is not clustered by " + declaration.get("clustering"));
      }
    }
    return problems;
  }

  /** See {@link ScheduledQueryChecks#everyScheduledQueryRunsItsSqlFile}. */
  List<String> everyScheduledQueryRunsItsSqlFile(Path warehouseDirectory) throws IOException {
    return new ScheduledQueryChecks(terraform, projectId()).everyScheduledQueryRunsItsSqlFile(warehouseDirectory);
  }

  /** See {@link ScheduledQueryChecks#scheduledQueryAccountsHoldWhatTheirSqlNeeds}. */
  List<String> scheduledQueryAccountsHoldWhatTheirSqlNeeds(Path warehouseDirectory) throws IOException {
    return new ScheduledQueryChecks(terraform, projectId()).scheduledQueryAccountsHoldWhatTheirSqlNeeds(warehouseDirectory);
  }

  private String projectId() {
    return terraform.evaluate(List.of("var.project_id")).get(0).getAsString();
  }

  /** Every grant of the role on resources of the type to a group service account. */
  private List<Grant> grants(String type, String targetAttribute, String role) {
    List<Grant> grants = new ArrayList<>();
    for (Resource resource : terraform.resources(type)) {
      for (Instance grant : terraform.instances(resource)) {
        if (!role.equals(terraform.value(grant, "role").getAsString())) {
          continue;
        }
        Optional<Reference> target = terraform.reference(grant, resource.body().get(targetAttribute));
        Optional<Reference> member = terraform.reference(grant, resource.body().get("member"));
        if (target.isPresent() && member.isPresent() && member.get().address().equals(GROUP_ACCOUNT)) {
          grants.add(new Grant(target.get().address(), target.get().key(), member.get().key()));
        }
      }
    }
    return grants;
  }

  /** The functions' instances, with what {@link #serviceAccount} and {@link #secretVariables} ask of each evaluated in one Terraform run. */
  private List<Instance> functionInstances() {
    Resource function = terraform.resource(FUNCTION);
    List<Instance> functions = terraform.instances(function);
    terraform.prefetchReferences(functions, TerraformModel.attribute(function.body(), "service_config", "service_account_email"));
    JsonObject secrets = secretsBlock(function);
    if (secrets != null) {
      terraform.prefetchDynamic(functions, secrets);
    }
    return functions;
  }

  /** The functions' dynamic secret_environment_variables block; null when there is none. */
  private static JsonObject secretsBlock(Resource function) {
    JsonElement dynamic = TerraformModel.attribute(function.body(), "service_config", "dynamic");
    JsonElement block = dynamic == null ? null : dynamic.getAsJsonObject().get("secret_environment_variables");
    return block == null ? null : block.getAsJsonArray().get(0).getAsJsonObject();
  }

  private Reference serviceAccount(Instance function) {
    return terraform.reference(function, TerraformModel.attribute(function.resource().body(), "service_config", "service_account_email"))
        .filter(r -> r.address().equals(GROUP_ACCOUNT))
        .orElseThrow(() -> new AssertionError(function + " does not run as its group's " + GROUP_ACCOUNT));
  }

  /** Secret environment variables of a function: variable name -> the secret resource it reads. */
  private Map<String, Reference> secretVariables(Instance function) {
    Map<String, Reference> secrets = new LinkedHashMap<>();
    JsonObject body = secretsBlock(function.resource());
    if (body == null) {
      return secrets;
    }
    JsonObject content = body.getAsJsonArray("content").get(0).getAsJsonObject();
    for (Map.Entry<String, String> element : terraform.dynamicInstances(function, body)) {
      String key = terraform.evaluate(List.of(TerraformModel.withIterator(terraform.in(function, content.get("key")),
          "secret_environment_variables", element))).get(0).getAsString();
      String secret = TerraformModel.withIterator(terraform.in(function, content.get("secret")), "secret_environment_variables", element);
      secrets.put(key, terraform.reference(secret).orElseThrow(() ->
          new AssertionError(function + " secret " + key + " does not name a google_secret_manager_secret: " + secret)));
    }
    return secrets;
  }

  private Set<String> secretNames() {
    Set<String> names = new TreeSet<>();
    catalog.getAsJsonArray("functions").forEach(f -> names.addAll(catalogNeeds(f.getAsJsonObject().get("name").getAsString(), "secret:")));
    return names;
  }

  private List<String> catalogNeeds(String function, String prefix) {
    List<String> needs = new ArrayList<>();
    for (JsonElement entry : catalog.getAsJsonArray("functions")) {
      if (entry.getAsJsonObject().get("name").getAsString().equals(function)) {
        entry.getAsJsonObject().getAsJsonArray("needs").forEach(n -> {
          if (n.getAsString().startsWith(prefix)) {
            needs.add(n.getAsString().substring(prefix.length()));
          }
        });
      }
    }
    return needs;
  }

  private Map<String, String> catalogEntryPoints() {
    Map<String, String> entryPoints = new LinkedHashMap<>();
    catalog.getAsJsonArray("functions").forEach(f -> entryPoints.put(f.getAsJsonObject().get("name").getAsString(),
        f.getAsJsonObject().get("entry_point").getAsString()));
    return entryPoints;
  }

  private static Map<String, Instance> byKey(List<Instance> instances) {
    Map<String, Instance> byKey = new LinkedHashMap<>();
    instances.forEach(i -> byKey.put(i.key(), i));
    return byKey;
  }
}
