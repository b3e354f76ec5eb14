package com.agenthub.functions.infrastructure;

import com.agenthub.functions.infrastructure.TerraformModel.Instance;
import com.agenthub.functions.infrastructure.TerraformModel.Reference;
import com.agenthub.functions.infrastructure.TerraformModel.Resource;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of the operations Terraform (load balancer, SLOs and alerts, budget, log sink, dashboards)
 * against the function catalog, evaluated by Terraform itself. Each returns what is wrong, naming the
 * resource; nothing wrong is an empty list.
 */
final class OperationsChecks {

  private static final String FUNCTION = InfrastructureChecks.FUNCTION;
  private static final Pattern SLO_NAME = Pattern.compile("google_monitoring_slo\\.([a-z0-9_]+)\\[(.+?)\\]\\.name", Pattern.DOTALL);
  private static final Pattern BURN_RATE = Pattern.compile("select_slo_burn_rate\\(\"(google_monitoring_slo\\.[a-z0-9_]+\\[[^\\]]+\\])\", \"(\\d+)s\"\\)");
  private static final Pattern RESOURCE_ATTRIBUTE = Pattern.compile("\\b(data|google_[a-z0-9_]+)\\.[a-z0-9_]+");
  private static final Pattern NAMED_IN_FILTER = Pattern.compile("(service_name|function|subscription_id)\"?\\s*=\\s*\"([^\"]+)\"");

  /** One burn-rate alert the SRE workbook asks for: who it goes to, the rate, and its two windows. */
  record BurnRateAlert(String to, double burnRate, long longSeconds, long shortSeconds) {
    @Override
    public String toString() {
      return to + " at " + burnRate + "x over " + longSeconds + "s and " + shortSeconds + "s";
    }
  }

  static final List<BurnRateAlert> WORKBOOK_ALERTS = List.of(
      new BurnRateAlert("page", 14.4, 3600, 300),
      new BurnRateAlert("page", 6, 21600, 1800),
      new BurnRateAlert("ticket", 1, 259200, 21600));

  private static final Map<String, String> SEVERITY_TO = Map.of("CRITICAL", "page", "ERROR", "page", "WARNING", "ticket");

  private final TerraformModel terraform;
  private final Map<String, String> httpFunctions = new TreeMap<>(); // catalog name -> Cloud Run service name
  private final Map<String, String> serviceNames = new TreeMap<>(); // every function's

  OperationsChecks(TerraformModel terraform, Path catalogFile) {
    this.terraform = terraform;
    JsonObject catalog;
    try {
      catalog = JsonParser.parseString(Files.readString(catalogFile)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Service names as Terraform derives them (catalog.tf), not as this test would guess them.
    JsonObject services = terraform.evaluate(List.of("{ for name, f in local.functions : name => f.service_name }")).get(0).getAsJsonObject();
    for (JsonElement entry : catalog.getAsJsonArray("functions")) {
      String name = entry.getAsJsonObject().get("name").getAsString();
      serviceNames.put(name, services.get(name).getAsString());
      if ("http".equals(entry.getAsJsonObject().get("trigger").getAsString())) {
        httpFunctions.put(name, services.get(name).getAsString());
      }
    }
  }

  // ---- the load balancer ----

  /** Every HTTP catalog function is routed at /<Name> to a backend whose serverless NEG is that function, and nothing else is routed. */
  List<String> everyHttpFunctionIsRoutedAtItsName() {
    List<String> problems = new ArrayList<>();
    Map<String, String> routed = new TreeMap<>(); // path -> function it reaches
    List<Instance> urlMaps = new ArrayList<>();
    for (Resource resource : terraform.resources("google_compute_url_map")) {
      if (resource.body().has("path_matcher")) {
        urlMaps.addAll(terraform.instances(resource));
      }
    }
    if (urlMaps.isEmpty()) {
      return List.of("no google_compute_url_map with a path_matcher: the load balancer routes nothing");
    }
    List<Map.Entry<String, String>> rules = new ArrayList<>();
    urlMaps.forEach(urlMap -> rules.addAll(pathRules(urlMap)));
    List<JsonElement> paths = terraform.evaluate(rules.stream().map(Map.Entry::getKey).toList()); // every rule's paths in one Terraform run
    for (int i = 0; i < rules.size(); i++) {
      Optional<String> function = functionBehind(rules.get(i).getValue(), problems);
      for (JsonElement path : paths.get(i).getAsJsonArray()) {
        function.ifPresent(f -> routed.put(path.getAsString(), f));
      }
    }
    for (String name : httpFunctions.keySet()) {
      String path = "/" + name;
      if (!routed.containsKey(path)) {
        problems.add("HTTP function " + name + " is not routed at " + path + " by the URL map");
      } else if (!routed.get(path).equals(name)) {
        problems.add(path + " routes to " + routed.get(path) + ", not to " + name);
      }
    }
    routed.forEach((path, function) -> {
      if (!httpFunctions.containsKey(path.substring(1))) {
        problems.add(path + " is routed to " + function + " but is not the path of an HTTP catalog function");
      }
    });
    return problems;
  }

  /** With the load balancer on, HTTP functions take only internal and load-balancer traffic, topic functions only internal; every backend is behind Cloud Armor. */
  List<String> noFunctionIsReachablePastTheLoadBalancer() {
    List<String> problems = new ArrayList<>();
    List<Instance> functions = terraform.instances(terraform.resource(FUNCTION));
    terraform.values(functions, "service_config", "ingress_settings").forEach((function, ingress) -> {
      String expected = httpFunctions.containsKey(function.key()) ? "ALLOW_INTERNAL_AND_GCLB" : "ALLOW_INTERNAL_ONLY";
      if (!expected.equals(ingress.getAsString())) {
        problems.add(function + " ingress is " + ingress.getAsString() + ", not " + expected
            + ": it can be reached without passing the load balancer and Cloud Armor");
      }
    });
    for (Resource resource : terraform.resources("google_compute_backend_service")) {
      for (Instance backend : terraform.instances(resource)) {
        Optional<Reference> policy = terraform.reference(backend, resource.body().get("security_policy"));
        if (policy.isEmpty() || !policy.get().address().startsWith("google_compute_security_policy.")) {
          problems.add(backend + " has no Cloud Armor security_policy");
        }
      }
    }
    return problems;
  }

  /** Some Cloud Armor rule throttles clients, answering 429 over the limit. */
  List<String> cloudArmorThrottlesWith429() {
    for (Resource resource : terraform.resources("google_compute_security_policy")) {
      for (Instance policy : terraform.instances(resource)) {
        for (JsonElement rule : resource.body().getAsJsonArray("rule")) {
          JsonObject body = rule.getAsJsonObject();
          JsonElement exceed = TerraformModel.attribute(body, "rate_limit_options", "exceed_action");
          if (exceed != null && "throttle".equals(eval(policy, body.get("action")))
              && "deny(429)".equals(eval(policy, exceed))) {
            return List.of();
          }
        }
      }
    }
    return List.of("no google_compute_security_policy rule throttles with exceed_action deny(429)");
  }

  /** Cloud Armor lets through every method the functions serve. */
  List<String> theEdgeAllowsEveryMethodTheFunctionsServe(Set<String> served) {
    Set<String> allowed = new TreeSet<>();
    terraform.evaluate(List.of("local.api_methods")).get(0).getAsJsonArray().forEach(m -> allowed.add(m.getAsString()));
    List<String> problems = new ArrayList<>();
    for (String method : new TreeSet<>(served)) {
      if (!allowed.contains(method)) {
        problems.add("a function serves " + method + " but Cloud Armor allows only " + allowed + " (local.api_methods)");
      }
    }
    return problems;
  }

  /** The edge's body limit is the functions' own (HttpLimits.MAX_BODY_BYTES). */
  List<String> theEdgeBodyLimitIsTheFunctions(int functionsLimit) {
    long edge = terraform.evaluate(List.of("var.load_balancer.max_body_bytes")).get(0).getAsLong();
    return edge == functionsLimit ? List.of()
        : List.of("load_balancer.max_body_bytes is " + edge + " but the functions accept " + functionsLimit + " bytes (HttpLimits.MAX_BODY_BYTES)");
  }

  // ---- SLOs and alerts ----

  /**
   * Every HTTP function has an availability and a latency SLO on its own Cloud Run service, each with
   * the workbook's three burn-rate alerts; and every function has a 5xx-ratio alert on its service.
   */
  List<String> everyHttpFunctionHasItsSlosAndAlerts() {
    List<String> problems = new ArrayList<>();
    Map<String, String> slos = new TreeMap<>(); // "<Name> <objective>" -> SLO address[key]
    for (Instance slo : sloInstances()) {
      String objective = sloObjective(slo);
      Optional<String> function = sloFunction(slo);
      if (function.isEmpty()) {
        problems.add(slo + " measures " + sloServiceName(slo).orElse("no service") + ", which is no HTTP catalog function");
        continue;
      }
      slos.put(function.get() + " " + objective, slo.toString());
    }
    Map<String, Set<BurnRateAlert>> alerts = burnRateAlertsBySlo(problems);
    for (String name : httpFunctions.keySet()) {
      for (String objective : List.of("availability", "latency")) {
        String slo = slos.get(name + " " + objective);
        if (slo == null) {
          problems.add("HTTP function " + name + " has no " + objective + " SLO");
          continue;
        }
        for (BurnRateAlert wanted : WORKBOOK_ALERTS) {
          if (!alerts.getOrDefault(slo, Set.of()).contains(wanted)) {
            problems.add(slo + " (" + name + " " + objective + ") has no burn-rate alert: " + wanted);
          }
        }
      }
    }
    Set<String> errorRatioServices = new TreeSet<>();
    for (String filter : evaluatedFilters(condition -> TerraformModel.attribute(condition, "condition_threshold", "denominator_filter") != null)) {
      if (filter.contains("\"5xx\"")) {
        errorRatioServices.addAll(named(filter, "service_name"));
      }
    }
    serviceNames.forEach((name, service) -> {
      if (!errorRatioServices.contains(service)) {
        problems.add("function " + name + " has no 5xx-ratio alert on its service " + service);
      }
    });
    return problems;
  }

  /** Every dead-letter subscription alerts on any message, and every push subscription on its oldest unacked message. */
  List<String> everySubscriptionIsWatched() {
    List<String> problems = new ArrayList<>();
    Set<String> watched = new TreeSet<>();
    for (String text : evaluatedFilters(condition -> true)) {
      String metric = text.contains("oldest_unacked_message_age") ? "age" : text.contains("num_undelivered_messages") ? "count" : null;
      if (metric != null) {
        named(text, "subscription_id").forEach(s -> watched.add(metric + " " + s));
      }
    }
    for (Resource resource : terraform.resources("google_pubsub_subscription")) {
      for (Instance subscription : terraform.instances(resource)) {
        String name = terraform.value(subscription, "name").getAsString();
        boolean deadLetter = name.endsWith("-dead-letter-sub");
        boolean push = TerraformModel.attribute(resource.body(), "push_config") != null;
        if (deadLetter && !watched.contains("count " + name)) {
          problems.add(subscription + " (" + name + ") has no alert on the messages it holds");
        }
        if (push && !watched.contains("age " + name)) {
          problems.add(subscription + " (" + name + ") has no alert on its oldest unacked message age");
        }
      }
    }
    return problems;
  }

  // ---- budget ----

  /** Some budget notifies at 50%, 80% and 100% of actual spend and 100% of forecasted spend, to a Pub/Sub topic too. */
  List<String> theBudgetHasTheFourThresholds() {
    List<String> problems = new ArrayList<>();
    Set<String> wanted = Set.of("0.5 CURRENT_SPEND", "0.8 CURRENT_SPEND", "1.0 CURRENT_SPEND", "1.0 FORECASTED_SPEND");
    List<Instance> budgets = new ArrayList<>();
    terraform.resources("google_billing_budget").forEach(r -> budgets.addAll(terraform.instances(r)));
    if (budgets.isEmpty()) {
      return List.of("no google_billing_budget");
    }
    for (Instance budget : budgets) {
      Set<String> thresholds = new TreeSet<>();
      JsonElement rules = budget.resource().body().get("threshold_rules");
      if (rules != null) {
        for (JsonElement rule : rules.getAsJsonArray()) {
          JsonObject body = rule.getAsJsonObject();
          double percent = terraform.evaluate(List.of(terraform.in(budget, body.get("threshold_percent")))).get(0).getAsDouble();
          String basis = body.has("spend_basis") ? eval(budget, body.get("spend_basis")) : "CURRENT_SPEND";
          thresholds.add(percent + " " + basis);
        }
      }
      if (!thresholds.equals(wanted)) {
        problems.add(budget + " thresholds are " + thresholds + ", not " + new TreeSet<>(wanted));
      }
      if (TerraformModel.attribute(budget.resource().body(), "all_updates_rule", "pubsub_topic") == null) {
        problems.add(budget + " publishes to no Pub/Sub topic");
      }
    }
    return problems;
  }

  // ---- the request-log sink ----

  /** Each BigQuery log sink's writer holds roles/bigquery.dataEditor on the sink's destination dataset and no other grant. */
  List<String> theSinkWriterHasNoMoreThanItNeeds() {
    List<String> problems = new ArrayList<>();
    List<Resource> sinks = terraform.resources("google_logging_project_sink");
    if (sinks.isEmpty()) {
      return List.of("no google_logging_project_sink");
    }
    for (Resource sink : sinks) {
      Matcher destination = Pattern.compile("google_bigquery_dataset\\.[a-z0-9_]+").matcher(sink.body().get("destination").getAsString());
      String dataset = destination.find() ? destination.group() : "(not a Terraform dataset)";
      String writer = sink.address() + "[";
      String writerAlone = sink.address() + ".writer_identity";
      int grants = 0;
      for (Resource grant : terraform.resources()) {
        JsonElement member = grant.body().get("member");
        if (member == null || !(member.getAsString().contains(writer) || member.getAsString().contains(writerAlone))) {
          continue;
        }
        for (Instance instance : terraform.instances(grant)) {
          grants++;
          String role = terraform.value(instance, "role").getAsString();
          Optional<Reference> target = terraform.reference(instance, grant.body().get("dataset_id"));
          if (!grant.type().equals("google_bigquery_dataset_iam_member") || target.isEmpty()) {
            problems.add(instance + " grants " + role + " to " + sink.address() + "'s writer beyond a dataset: it needs only"
                + " roles/bigquery.dataEditor on " + dataset);
          } else if (!target.get().address().equals(dataset)) {
            problems.add(instance + " grants " + role + " on " + target.get().address() + " to " + sink.address()
                + "'s writer, which writes only to " + dataset);
          } else if (!role.equals("roles/bigquery.dataEditor")) {
            problems.add(instance + " grants " + role + " to " + sink.address() + "'s writer: it needs roles/bigquery.dataEditor, no more");
          }
        }
      }
      if (grants == 0 && !terraform.instances(sink).isEmpty()) {
        problems.add(sink.address() + "'s writer may not write its destination " + dataset + ": the sink would drop every entry");
      }
    }
    return problems;
  }

  // ---- log fields ----

  private static final Pattern JSON_PAYLOAD_FIELD = Pattern.compile("jsonPayload\\.([A-Za-z_][A-Za-z0-9_]*)");

  /**
   * Every jsonPayload field the Terraform, its SQL and dashboards read (sink filter, log-based
   * metrics, views) is named by a string literal in the main Java sources, where log lines get their fields.
   */
  static List<String> everyLogFieldReadIsWritten(Path terraformDirectory, List<Path> javaSources) throws IOException {
    Set<String> written = new TreeSet<>();
    for (Path root : javaSources) {
      try (java.util.stream.Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher literal = Pattern.compile("\"([a-z_][a-z0-9_]*)\"").matcher(Files.readString(file));
          while (literal.find()) {
            written.add(literal.group(1));
          }
        }
      }
    }
    List<String> problems = new ArrayList<>();
    try (java.util.stream.Stream<Path> files = Files.walk(terraformDirectory)) {
      for (Path file : files.filter(p -> p.toString().matches(".*\\.(tf|sql|json)$") && !p.toString().contains(".terraform")).sorted().toList()) {
        Matcher field = JSON_PAYLOAD_FIELD.matcher(Files.readString(file));
        Set<String> reported = new TreeSet<>();
        while (field.find()) {
          if (!written.contains(field.group(1)) && reported.add(field.group(1))) {
            problems.add(terraformDirectory.relativize(file) + " reads jsonPayload." + field.group(1) + ", which no log line of the code writes");
          }
        }
      }
    }
    return problems;
  }

  // ---- dashboards ----

  /** Every dashboard's JSON parses, has a name and widgets, and names only catalog functions, their services and subscriptions. */
  List<String> dashboardsParseAndNameOnlyCatalogFunctions() {
    List<String> problems = new ArrayList<>();
    Set<String> subscriptions = new TreeSet<>();
    for (Resource resource : terraform.resources("google_pubsub_subscription")) {
      terraform.values(terraform.instances(resource), "name").values().forEach(n -> subscriptions.add(n.getAsString()));
    }
    List<Instance> dashboards = new ArrayList<>();
    terraform.resources("google_monitoring_dashboard").forEach(r -> dashboards.addAll(terraform.instances(r)));
    if (dashboards.isEmpty()) {
      return List.of("no google_monitoring_dashboard");
    }
    terraform.values(dashboards, "dashboard_json").forEach((dashboard, json) -> {
      JsonObject parsed;
      try {
        JsonReader reader = new JsonReader(new StringReader(json.getAsString()));
        reader.setStrictness(Strictness.STRICT);
        parsed = JsonParser.parseReader(reader).getAsJsonObject();
      } catch (JsonParseException | IllegalStateException e) {
        problems.add(dashboard + " is not a JSON object: " + e.getMessage());
        return;
      }
      if (!parsed.has("displayName") || !(parsed.has("mosaicLayout") || parsed.has("gridLayout") || parsed.has("columnLayout"))) {
        problems.add(dashboard + " has no displayName or layout");
      }
      List<String> strings = new ArrayList<>();
      collectStrings(parsed, strings);
      for (String text : strings) {
        Matcher named = NAMED_IN_FILTER.matcher(text);
        while (named.find()) {
          String kind = named.group(1);
          String value = named.group(2);
          boolean known = switch (kind) {
            case "service_name" -> serviceNames.containsValue(value);
            case "function" -> serviceNames.containsKey(value);
            default -> subscriptions.contains(value);
          };
          if (!known) {
            problems.add(dashboard + " names " + kind + " \"" + value + "\", which is not in functions/catalog.json");
          }
        }
      }
    });
    return problems;
  }

  // ---- helpers ----

  /** The path rules of a URL map instance: (paths expression, service expression), dynamic or written out. */
  private List<Map.Entry<String, String>> pathRules(Instance urlMap) {
    List<Map.Entry<String, String>> rules = new ArrayList<>();
    JsonElement matchers = urlMap.resource().body().get("path_matcher");
    for (JsonElement matcher : matchers.getAsJsonArray()) {
      JsonObject body = matcher.getAsJsonObject();
      if (body.has("path_rule")) {
        for (JsonElement rule : body.getAsJsonArray("path_rule")) {
          rules.add(Map.entry(terraform.in(urlMap, rule.getAsJsonObject().get("paths")),
              terraform.in(urlMap, rule.getAsJsonObject().get("service"))));
        }
      }
      JsonElement dynamic = TerraformModel.attribute(body, "dynamic");
      JsonElement block = dynamic == null ? null : dynamic.getAsJsonObject().get("path_rule");
      if (block != null) {
        JsonObject dynamicBody = block.getAsJsonArray().get(0).getAsJsonObject();
        JsonObject content = dynamicBody.getAsJsonArray("content").get(0).getAsJsonObject();
        for (Map.Entry<String, String> element : terraform.dynamicInstances(urlMap, dynamicBody)) {
          rules.add(Map.entry(TerraformModel.withIterator(terraform.in(urlMap, content.get("paths")), "path_rule", element),
              TerraformModel.withIterator(terraform.in(urlMap, content.get("service")), "path_rule", element)));
        }
      }
    }
    return rules;
  }

  /** The catalog function a backend service expression leads to: backend service -> serverless NEG -> Cloud Run service of the function. */
  private Optional<String> functionBehind(String serviceExpression, List<String> problems) {
    Optional<Reference> backend = terraform.reference(serviceExpression);
    if (backend.isEmpty() || !backend.get().address().startsWith("google_compute_backend_service.")) {
      problems.add("a path rule's service is not a google_compute_backend_service: " + serviceExpression);
      return Optional.empty();
    }
    Instance backendInstance = instance(backend.get());
    Optional<Reference> neg = terraform.reference(backendInstance,
        TerraformModel.attribute(backendInstance.resource().body(), "backend", "group"));
    if (neg.isEmpty() || !neg.get().address().startsWith("google_compute_region_network_endpoint_group.")) {
      problems.add(backendInstance + " has no serverless NEG as its backend");
      return Optional.empty();
    }
    Instance negInstance = instance(neg.get());
    Optional<Reference> function = terraform.reference(negInstance,
        TerraformModel.attribute(negInstance.resource().body(), "cloud_run", "service"));
    if (function.isEmpty() || !function.get().address().equals(FUNCTION)) {
      problems.add(negInstance + " does not serve a " + FUNCTION + " (cloud_run.service)");
      return Optional.empty();
    }
    return Optional.of(function.get().key());
  }

  private Instance instance(Reference reference) {
    return terraform.instances(terraform.resource(reference.address())).stream()
        .filter(i -> i.key().equals(reference.key())).findFirst()
        .orElseThrow(() -> new AssertionError("no instance " + reference.address() + "[\"" + reference.key() + "\"]"));
  }

  /** "availability" for a good/bad ratio SLI, "latency" for a distribution cut (dynamic or written out). */
  private String sloObjective(Instance slo) {
    JsonObject sli = (JsonObject) TerraformModel.attribute(slo.resource().body(), "request_based_sli");
    if (sli == null) {
      return "not request-based";
    }
    if (present(slo, sli, "good_total_ratio")) {
      return "availability";
    }
    return present(slo, sli, "distribution_cut") ? "latency" : "unknown";
  }

  /** Whether a block is in an instance: written out, or a dynamic block with at least one element. */
  private boolean present(Instance instance, JsonObject body, String block) {
    if (body.has(block)) {
      return true;
    }
    JsonElement dynamic = TerraformModel.attribute(body, "dynamic");
    JsonElement declared = dynamic == null ? null : dynamic.getAsJsonObject().get(block);
    return declared != null && !terraform.dynamicInstances(instance, declared.getAsJsonArray().get(0).getAsJsonObject()).isEmpty();
  }

  /** The Cloud Run service an SLO's SLI filters on (the service_name its filters name). */
  private Optional<String> sloServiceName(Instance slo) {
    Set<String> named = new TreeSet<>();
    terraform.evaluate(sloFilters(slo)).forEach(f -> named.addAll(named(f.getAsString(), "service_name")));
    return named.size() == 1 ? Optional.of(named.iterator().next()) : Optional.empty();
  }

  /**
   * Each HTTP function's latency SLO threshold in ms, as Terraform computes it from its SLO's
   * distribution_cut range: the catalog entry's latency_ms, else the default (slos.latency_threshold_ms).
   */
  Map<String, Long> latencySloThresholds() {
    Map<String, String> expressions = new TreeMap<>();
    for (Instance slo : sloInstances()) {
      JsonObject sli = (JsonObject) TerraformModel.attribute(slo.resource().body(), "request_based_sli");
      JsonElement dynamic = sli == null ? null : TerraformModel.attribute(sli, "dynamic");
      JsonElement cut = dynamic == null ? null : dynamic.getAsJsonObject().get("distribution_cut");
      if (cut == null || !"latency".equals(sloObjective(slo))) {
        continue;
      }
      JsonObject content = cut.getAsJsonArray().get(0).getAsJsonObject().getAsJsonArray("content").get(0).getAsJsonObject();
      JsonElement max = content.getAsJsonArray("range").get(0).getAsJsonObject().get("max");
      sloFunction(slo).ifPresent(function -> expressions.put(function, terraform.in(slo, max)));
    }
    List<String> names = new ArrayList<>(expressions.keySet());
    List<JsonElement> values = terraform.evaluate(names.stream().map(expressions::get).toList());
    Map<String, Long> thresholds = new TreeMap<>();
    for (int i = 0; i < names.size(); i++) {
      thresholds.put(names.get(i), values.get(i).getAsLong());
    }
    return thresholds;
  }

  /**
   * Every SLO instance. Each terraform console run costs a process, so what its objective and
   * service take is evaluated here for all of them, in two batches.
   */
  private List<Instance> sloInstances() {
    List<Instance> instances = new ArrayList<>();
    terraform.resources("google_monitoring_slo").forEach(r -> instances.addAll(terraform.instances(r)));
    terraform.evaluate(instances.stream().flatMap(slo -> dynamicForEach(slo).stream()).toList());
    terraform.evaluate(instances.stream().flatMap(slo -> sloFilters(slo).stream()).toList());
    return instances;
  }

  /** The HTTP catalog function whose service an SLO measures. */
  private Optional<String> sloFunction(Instance slo) {
    return sloServiceName(slo).flatMap(service -> httpFunctions.entrySet().stream()
        .filter(e -> e.getValue().equals(service)).map(Map.Entry::getKey).findFirst());
  }

  private static final List<String> SLI_BLOCKS = List.of("good_total_ratio", "distribution_cut");

  /** The for_each expressions of an SLO's dynamic SLI blocks. */
  private List<String> dynamicForEach(Instance slo) {
    List<String> expressions = new ArrayList<>();
    JsonObject sli = (JsonObject) TerraformModel.attribute(slo.resource().body(), "request_based_sli");
    JsonElement dynamic = sli == null ? null : TerraformModel.attribute(sli, "dynamic");
    for (String block : SLI_BLOCKS) {
      JsonElement declared = dynamic == null ? null : dynamic.getAsJsonObject().get(block);
      if (declared != null) {
        expressions.add(terraform.in(slo, declared.getAsJsonArray().get(0).getAsJsonObject().get("for_each")));
      }
    }
    return expressions;
  }

  /** The SLI filters of an SLO as expressions, from blocks written out or dynamic. */
  private List<String> sloFilters(Instance slo) {
    List<String> filters = new ArrayList<>();
    JsonObject sli = (JsonObject) TerraformModel.attribute(slo.resource().body(), "request_based_sli");
    if (sli == null) {
      return filters;
    }
    JsonElement dynamic = TerraformModel.attribute(sli, "dynamic");
    for (String block : SLI_BLOCKS) {
      if (sli.has(block)) {
        sli.getAsJsonArray(block).get(0).getAsJsonObject().entrySet().forEach(e -> {
          if (e.getKey().endsWith("filter")) {
            filters.add(terraform.in(slo, e.getValue()));
          }
        });
      }
      JsonElement declared = dynamic == null ? null : dynamic.getAsJsonObject().get(block);
      if (declared != null) {
        JsonObject body = declared.getAsJsonArray().get(0).getAsJsonObject();
        JsonObject content = body.getAsJsonArray("content").get(0).getAsJsonObject();
        for (Map.Entry<String, String> element : terraform.dynamicInstances(slo, body)) {
          content.entrySet().forEach(e -> {
            if (e.getKey().endsWith("filter")) {
              filters.add(TerraformModel.withIterator(terraform.in(slo, e.getValue()), block, element));
            }
          });
        }
      }
    }
    return filters;
  }

  /**
   * The filters of every alert condition the selector picks, evaluated in one batch; conditions on
   * SLOs or on other resources' attributes (known only after apply) are left out.
   */
  private List<String> evaluatedFilters(java.util.function.Predicate<JsonObject> selector) {
    List<String> expressions = new ArrayList<>();
    for (Resource resource : terraform.resources("google_monitoring_alert_policy")) {
      for (Instance policy : terraform.instances(resource)) {
        for (JsonObject condition : conditions(resource)) {
          JsonElement filter = TerraformModel.attribute(condition, "condition_threshold", "filter");
          if (filter != null && selector.test(condition) && !RESOURCE_ATTRIBUTE.matcher(filter.getAsString()).find()) {
            expressions.add(terraform.in(policy, filter));
          }
        }
      }
    }
    return terraform.evaluate(expressions).stream().map(JsonElement::getAsString).toList();
  }

  /**
   * Burn-rate alerts by the SLO they watch (address[key]): a policy counts when all its conditions
   * (AND) watch the same SLO above the same rate, over its long and short windows.
   */
  private Map<String, Set<BurnRateAlert>> burnRateAlertsBySlo(List<String> problems) {
    Map<String, Set<BurnRateAlert>> alerts = new LinkedHashMap<>();
    for (Resource resource : terraform.resources("google_monitoring_alert_policy")) {
      List<JsonObject> conditions = conditions(resource);
      boolean watchesSlo = conditions.stream().anyMatch(c -> {
        JsonElement filter = TerraformModel.attribute(c, "condition_threshold", "filter");
        return filter != null && SLO_NAME.matcher(filter.getAsString()).find();
      });
      if (!watchesSlo) {
        continue;
      }
      List<Instance> policies = terraform.instances(resource);
      List<String> batch = new ArrayList<>();
      for (Instance policy : policies) {
        batch.add(terraform.in(policy, resource.body().get("severity")));
        batch.add(terraform.in(policy, resource.body().get("combiner")));
        for (JsonObject condition : conditions) {
          batch.add(sloFilterWithAddress(policy, condition));
          batch.add(terraform.in(policy, TerraformModel.attribute(condition, "condition_threshold", "threshold_value")));
        }
      }
      terraform.evaluate(batch);
      for (Instance policy : policies) {
        String to = SEVERITY_TO.getOrDefault(eval(policy, resource.body().get("severity")), "nobody");
        String combiner = eval(policy, resource.body().get("combiner"));
        Set<String> slos = new TreeSet<>();
        Set<Double> rates = new TreeSet<>();
        List<Long> windows = new ArrayList<>();
        for (JsonObject condition : conditions) {
          Matcher burn = BURN_RATE.matcher(terraform.evaluate(List.of(sloFilterWithAddress(policy, condition))).get(0).getAsString());
          if (!burn.find()) {
            problems.add(policy + " has a condition that is not an SLO burn rate");
            continue;
          }
          slos.add(burn.group(1));
          windows.add(Long.parseLong(burn.group(2)));
          rates.add(terraform.evaluate(List.of(terraform.in(policy,
              TerraformModel.attribute(condition, "condition_threshold", "threshold_value")))).get(0).getAsDouble());
        }
        if (slos.size() != 1 || rates.size() != 1 || windows.size() != 2 || !"AND".equals(combiner)) {
          problems.add(policy + " is not one SLO's burn rate over two windows combined with AND");
          continue;
        }
        windows.sort(null);
        String slo = slos.iterator().next().replaceFirst("\\[(.*)]$", "[\"$1\"]");
        alerts.computeIfAbsent(slo, s -> new TreeSet<>(java.util.Comparator.comparing(BurnRateAlert::toString)))
            .add(new BurnRateAlert(to, rates.iterator().next(), windows.get(1), windows.get(0)));
      }
    }
    return alerts;
  }

  /** A burn-rate filter with the SLO's name (known only after apply) replaced by its address and key. */
  private String sloFilterWithAddress(Instance policy, JsonObject condition) {
    return SLO_NAME.matcher(terraform.in(policy, TerraformModel.attribute(condition, "condition_threshold", "filter")))
        .replaceAll(m -> Matcher.quoteReplacement("format(\"google_monitoring_slo." + m.group(1) + "[%s]\", " + m.group(2) + ")"));
  }

  private static List<JsonObject> conditions(Resource resource) {
    List<JsonObject> conditions = new ArrayList<>();
    JsonElement declared = resource.body().get("conditions");
    if (declared != null) {
      declared.getAsJsonArray().forEach(c -> conditions.add(c.getAsJsonObject()));
    }
    return conditions;
  }

  private String eval(Instance instance, JsonElement attribute) {
    return terraform.evaluate(List.of(terraform.in(instance, attribute))).get(0).getAsString();
  }

  private static List<String> named(String filter, String label) {
    List<String> values = new ArrayList<>();
    Matcher matcher = NAMED_IN_FILTER.matcher(filter);
    while (matcher.find()) {
      if (matcher.group(1).equals(label)) {
        values.add(matcher.group(2));
      }
    }
    return values;
  }

  private static void collectStrings(JsonElement element, List<String> strings) {
    if (element.isJsonObject()) {
      element.getAsJsonObject().entrySet().forEach(e -> collectStrings(e.getValue(), strings));
    } else if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(e -> collectStrings(e, strings));
    } else if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()) {
      strings.add(element.getAsString());
    }
  }
}
