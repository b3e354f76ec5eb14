package com.agenthub.functions.infrastructure;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's Terraform as data, with real Terraform to evaluate it: the resources as HashiCorp's
 * parser reads them, their instances (each for_each key), and any attribute of an instance whose
 * value depends only on variables, locals and {@code each} — the catalog-driven parts. An attribute
 * that points at another resource ({@code google_x.name[key].attr}) resolves to that resource's address
 * and instance key.
 */
final class TerraformModel {

  record Resource(String type, String name, String file, JsonObject body) {
    String address() {
      return type + "." + name;
    }
  }

  /** One instance of a resource; {@code each.value} stands for eachValue (an HCL expression). */
  record Instance(Resource resource, String key, String eachValue) {
    @Override
    public String toString() {
      return resource.address() + (key.isEmpty() ? "" : "[\"" + key + "\"]");
    }
  }

  /** Where an attribute points: {@code type.name[key].attribute} (key "" for a single instance). */
  record Reference(String address, String key, String attribute) {}

  /** DOTALL: a key expression with each.value replaced may span lines (a multi-line for_each). */
  private static final Pattern REFERENCE = Pattern.compile("^(google_[a-z0-9_]+\\.[a-z0-9_]+)(?:\\[(.+)])?\\.([a-z0-9_]+)$", Pattern.DOTALL);
  private static final Pattern LITERAL = Pattern.compile("\"[^\"\\\\$%]*\"");
  private static final Pattern REFERS_TO_RESOURCES = Pattern.compile("\\b(data|google_[a-z0-9_]+)\\.");
  private static final Gson GSON = new Gson();
  private static final int MAX_BATCH_CHARACTERS = 32_000;

  private final List<Resource> resources = new ArrayList<>();
  private final TerraformConsole console;
  private final Map<String, JsonElement> evaluated = new HashMap<>();

  /**
   * The Terraform in {@code root/terraform}, reading {@code root/functions/catalog.json} as it does.
   * Variables the configuration requires are given (as with -var).
   */
  TerraformModel(Path root, Map<String, String> variables) {
    JsonObject files = TerraformCheck.inRepository().parse(root.resolve("terraform"));
    for (Map.Entry<String, JsonElement> file : files.entrySet()) {
      JsonObject content = file.getValue().getAsJsonObject();
      if (content.has("resource")) {
        for (Map.Entry<String, JsonElement> type : content.getAsJsonObject("resource").entrySet()) {
          for (Map.Entry<String, JsonElement> name : type.getValue().getAsJsonObject().entrySet()) {
            resources.add(new Resource(type.getKey(), name.getKey(), file.getKey(),
                name.getValue().getAsJsonArray().get(0).getAsJsonObject()));
          }
        }
      }
    }
    // A null default reads as no default in Terraform's JSON syntax: such variables are given as null instead.
    Map<String, String> given = new LinkedHashMap<>();
    nullDefaults(files).forEach(name -> given.put(name, "null"));
    given.putAll(variables);
    this.console = new TerraformConsole(evaluationConfiguration(root, files), given);
  }

  List<Resource> resources() {
    return List.copyOf(resources);
  }

  List<Resource> resources(String type) {
    return resources.stream().filter(r -> r.type().equals(type)).toList();
  }

  Resource resource(String address) {
    return resources.stream().filter(r -> r.address().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no resource " + address + " in the Terraform"));
  }

  /** Every instance of the resource: one per for_each key (a set's elements or a map's keys), count of them, or just one. */
  List<Instance> instances(Resource resource) {
    JsonElement count = resource.body().get("count");
    if (count != null) {
      int n = evaluate(List.of(hcl(count))).get(0).getAsInt();
      List<Instance> counted = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        counted.add(new Instance(resource, String.valueOf(i), "null"));
      }
      return counted;
    }
    JsonElement forEach = resource.body().get("for_each");
    if (forEach == null) {
      return List.of(new Instance(resource, "", "null"));
    }
    String expression = hcl(forEach);
    return keyed(resource, expression, evaluate(List.of(expression)).get(0));
  }

  /** The instances of a dynamic block inside an instance: its iterator's key and value (as expressions). */
  List<Map.Entry<String, String>> dynamicInstances(Instance instance, JsonObject dynamicBlock) {
    String forEach = in(instance, dynamicBlock.get("for_each"));
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    for (Instance element : keyed(instance.resource(), forEach, evaluate(List.of(forEach)).get(0))) {
      entries.add(Map.entry(element.key(), element.eachValue()));
    }
    return entries;
  }

  private static List<Instance> keyed(Resource resource, String forEach, JsonElement value) {
    List<Instance> instances = new ArrayList<>();
    if (value.isJsonArray()) {
      for (JsonElement element : value.getAsJsonArray()) {
        instances.add(new Instance(resource, element.getAsString(), GSON.toJson(element.getAsString())));
      }
    } else {
      for (String key : value.getAsJsonObject().keySet()) {
        instances.add(new Instance(resource, key, "(" + forEach + ")[" + GSON.toJson(key) + "]"));
      }
    }
    return instances;
  }

  /** The value of an attribute of an instance (a path through nested blocks, each block's first body). */
  JsonElement value(Instance instance, String... path) {
    return evaluate(List.of(in(instance, attribute(instance.resource().body(), path)))).get(0);
  }

  /** Values of one attribute across instances, evaluated in one Terraform run. */
  Map<Instance, JsonElement> values(List<Instance> instances, String... path) {
    List<String> expressions = instances.stream().map(i -> in(i, attribute(i.resource().body(), path))).toList();
    List<JsonElement> results = evaluate(expressions);
    Map<Instance, JsonElement> values = new LinkedHashMap<>();
    for (int i = 0; i < instances.size(); i++) {
      values.put(instances.get(i), results.get(i));
    }
    return values;
  }

  /** Where an attribute of an instance points, if it is a reference to another resource. */
  Optional<Reference> reference(Instance instance, JsonElement attribute) {
    if (attribute == null || !attribute.isJsonPrimitive()) {
      return Optional.empty();
    }
    return reference(in(instance, attribute));
  }

  /** Where an expression (each.* and iterators already replaced) points, if it is {@code google_x.name[key].attr}. */
  Optional<Reference> reference(String expression) {
    Matcher matcher = REFERENCE.matcher(expression);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String key = matcher.group(2) == null ? "" : evaluate(List.of(matcher.group(2))).get(0).getAsString();
    return Optional.of(new Reference(matcher.group(1), key, matcher.group(3)));
  }

  /** The key expression of a {@code google_x.name[key].attr} reference; empty when the expression is none or has no key. */
  private static Optional<String> referenceKey(String expression) {
    Matcher matcher = REFERENCE.matcher(expression);
    return matcher.matches() ? Optional.ofNullable(matcher.group(2)) : Optional.empty();
  }

  /**
   * Evaluates in one Terraform run the keys of the references an attribute makes in each instance,
   * which {@link #reference(Instance, JsonElement)} then reads from the cache: one console run per
   * instance took ~0.2 s each, most of the infrastructure tests' time.
   */
  void prefetchReferences(List<Instance> instances, JsonElement attribute) {
    if (attribute != null && attribute.isJsonPrimitive()) {
      evaluate(instances.stream().flatMap(i -> referenceKey(in(i, attribute)).stream()).toList());
    }
  }

  /** Likewise the for_each of a dynamic block in each instance, for {@link #dynamicInstances}. */
  void prefetchDynamic(List<Instance> instances, JsonObject dynamicBlock) {
    evaluate(instances.stream().map(i -> in(i, dynamicBlock.get("for_each"))).toList());
  }

  /** The raw (parsed, unevaluated) attribute at a path of nested blocks; null when absent. */
  static JsonElement attribute(JsonObject body, String... path) {
    JsonElement current = body;
    for (String step : path) {
      if (current == null) {
        return null;
      }
      if (current.isJsonArray()) {
        current = current.getAsJsonArray().get(0);
      }
      current = current.getAsJsonObject().get(step);
    }
    if (current != null && current.isJsonArray() && current.getAsJsonArray().size() > 0
        && current.getAsJsonArray().get(0).isJsonObject()) {
      return current.getAsJsonArray().get(0); // a block: its (first) body
    }
    return current;
  }

  /** An attribute as an HCL expression in an instance's context (each.key and each.value replaced). */
  String in(Instance instance, JsonElement attribute) {
    return in(instance, hcl(attribute));
  }

  private static String in(Instance instance, String expression) {
    return expression.replaceAll("\\beach\\.value\\b", Matcher.quoteReplacement(instance.eachValue()))
        .replaceAll("\\beach\\.key\\b", Matcher.quoteReplacement(GSON.toJson(instance.key())));
  }

  /** An expression with a dynamic block's iterator ({@code name.key}, {@code name.value}) replaced. */
  static String withIterator(String expression, String iterator, Map.Entry<String, String> element) {
    return expression.replaceAll("\\b" + iterator + "\\.value\\b", Matcher.quoteReplacement(element.getValue()))
        .replaceAll("\\b" + iterator + "\\.key\\b", Matcher.quoteReplacement(GSON.toJson(element.getKey())));
  }

  List<JsonElement> evaluate(List<String> expressions) {
    // A quoted string with no escape or template in it is its own value: no need to ask Terraform.
    expressions.stream().filter(e -> !evaluated.containsKey(e) && LITERAL.matcher(e).matches())
        .forEach(e -> evaluated.put(e, new JsonPrimitive(e.substring(1, e.length() - 1))));
    List<String> missing = expressions.stream().filter(e -> !evaluated.containsKey(e)).distinct().toList();
    // The console reads its input line by line with a bounded buffer (64 KiB): batches stay well below it.
    int from = 0;
    while (from < missing.size()) {
      int to = from;
      int length = 0;
      while (to < missing.size() && (to == from || length + missing.get(to).length() < MAX_BATCH_CHARACTERS)) {
        length += missing.get(to++).length() + 4;
      }
      List<String> batch = missing.subList(from, to);
      List<JsonElement> values = console.evaluate(batch);
      for (int i = 0; i < batch.size(); i++) {
        evaluated.put(batch.get(i), values.get(i));
      }
      from = to;
    }
    return expressions.stream().map(evaluated::get).toList();
  }

  /** The parsed JSON form of a value back to HCL: "${expr}" is expr, other strings are templates. */
  static String hcl(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return "null";
    }
    if (value.isJsonArray()) {
      List<String> elements = new ArrayList<>();
      value.getAsJsonArray().forEach(e -> elements.add(hcl(e)));
      return "[" + String.join(", ", elements) + "]";
    }
    if (value.isJsonObject()) {
      List<String> entries = new ArrayList<>();
      value.getAsJsonObject().entrySet().forEach(e -> entries.add(GSON.toJson(e.getKey()) + " = " + hcl(e.getValue())));
      return "{" + String.join(", ", entries) + "}";
    }
    if (!value.getAsJsonPrimitive().isString()) {
      return value.getAsString();
    }
    String text = value.getAsString();
    return isOneInterpolation(text) ? text.substring(2, text.length() - 1) : GSON.toJson(text);
  }

  private static boolean isOneInterpolation(String text) {
    if (!text.startsWith("${") || !text.endsWith("}")) {
      return false;
    }
    int depth = 0;
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i == text.length() - 1;
      }
    }
    return false;
  }

  private static List<String> nullDefaults(JsonObject files) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, JsonElement> file : files.entrySet()) {
      JsonObject content = file.getValue().getAsJsonObject();
      if (content.has("variable")) {
        for (Map.Entry<String, JsonElement> variable : content.getAsJsonObject("variable").entrySet()) {
          JsonObject declared = variable.getValue().getAsJsonArray().get(0).getAsJsonObject();
          if (declared.has("default") && declared.get("default").isJsonNull()) {
            names.add(variable.getKey());
          }
        }
      }
    }
    return names;
  }

  /**
   * A configuration Terraform can evaluate without providers: each file's variables (type,
   * default and validations) and its locals that do not read resources, beside copies of the files they read.
   */
  private static Path evaluationConfiguration(Path root, JsonObject files) {
    try {
      Path copy = Files.createTempDirectory("terraform-model-");
      Path terraform = copy.resolve("terraform");
      // The .tf files are replaced by their evaluable JSON below.
      Repository.copyTree(root.resolve("terraform"), terraform, path -> path.toString().endsWith(".tf"));
      Files.createDirectories(copy.resolve("functions"));
      Files.copy(root.resolve("functions/catalog.json"), copy.resolve("functions/catalog.json"));
      for (Map.Entry<String, JsonElement> file : files.entrySet()) {
        JsonObject content = file.getValue().getAsJsonObject();
        JsonObject evaluable = new JsonObject();
        if (content.has("variable")) {
          JsonObject variables = new JsonObject();
          for (Map.Entry<String, JsonElement> variable : content.getAsJsonObject("variable").entrySet()) {
            JsonObject declared = variable.getValue().getAsJsonArray().get(0).getAsJsonObject();
            JsonObject kept = new JsonObject();
            if (declared.has("type")) {
              kept.addProperty("type", hcl(declared.get("type")));
            }
            if (declared.has("default")) {
              kept.add("default", declared.get("default"));
            }
            // Validations run too: one that fails on the defaults or the given values fails every evaluation.
            if (declared.has("validation")) {
              kept.add("validation", declared.get("validation"));
            }
            variables.add(variable.getKey(), kept);
          }
          evaluable.add("variable", variables);
        }
        if (content.has("locals")) {
          JsonObject locals = new JsonObject();
          for (JsonElement block : content.getAsJsonArray("locals")) {
            for (Map.Entry<String, JsonElement> local : block.getAsJsonObject().entrySet()) {
              if (!REFERS_TO_RESOURCES.matcher(GSON.toJson(local.getValue())).find()) {
                locals.add(local.getKey(), local.getValue());
              }
            }
          }
          evaluable.add("locals", locals);
        }
        Path target = terraform.resolve(file.getKey() + ".json");
        Files.createDirectories(target.getParent());
        Files.writeString(target, GSON.toJson(evaluable));
      }
      return terraform;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
