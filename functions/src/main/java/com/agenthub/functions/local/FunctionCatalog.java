package com.agenthub.functions.local;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** functions/catalog.json: the one list of deployable functions (shipped on the classpath). */
public record FunctionCatalog(List<Entry> functions) {

  public static final String RESOURCE = "/catalog.json";

  /** One function: its name (also its URL path), entry-point class, trigger, group and needs. */
  public record Entry(String name, String entryPoint, String trigger, String group, List<String> needs) {

    public boolean isHttp() {
      return trigger.equals("http");
    }

    /** The topic a Pub/Sub-triggered function consumes, from {@code "topic:NAME"}. */
    public Optional<String> topic() {
      return trigger.startsWith("topic:") ? Optional.of(trigger.substring("topic:".length())) : Optional.empty();
    }
  }

  public static FunctionCatalog load() {
    try (InputStream in = FunctionCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return parse(JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FunctionCatalog parse(JsonObject root) {
    List<Entry> entries = new ArrayList<>();
    for (JsonElement element : root.getAsJsonArray("functions")) {
      JsonObject f = element.getAsJsonObject();
      List<String> needs = new ArrayList<>();
      JsonArray needArray = f.has("needs") ? f.getAsJsonArray("needs") : new JsonArray();
      needArray.forEach(n -> needs.add(n.getAsString()));
      entries.add(new Entry(f.get("name").getAsString(), f.get("entry_point").getAsString(),
          f.get("trigger").getAsString(), f.get("group").getAsString(), List.copyOf(needs)));
    }
    return new FunctionCatalog(List.copyOf(entries));
  }

  public List<Entry> http() {
    return functions.stream().filter(Entry::isHttp).toList();
  }
}
