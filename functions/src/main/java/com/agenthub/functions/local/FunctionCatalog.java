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

/**
 * functions/catalog.json: the one list of deployable functions, and how Pub/Sub delivers to the
 * topic-triggered ones (shipped on the classpath).
 */
public record FunctionCatalog(List<Entry> functions, PubSubDeliveryPolicy pubsubDelivery) {

  public static final String RESOURCE = "/catalog.json";

  /**
   * One function: its name (also its URL path), entry-point class, trigger, group, needs, and
   * for a topic-triggered one optionally the cron schedule on which Cloud Scheduler ticks its topic.
   */
  public record Entry(String name, String entryPoint, String trigger, String group, List<String> needs,
      Optional<String> schedule) {

    public boolean isHttp() {
      return trigger.equals("http");
    }

    /** The topic a Pub/Sub-triggered function consumes, from {@code "topic:NAME"}. */
    public Optional<String> topic() {
      return trigger.startsWith("topic:") ? Optional.of(trigger.substring("topic:".length())) : Optional.empty();
    }
  }

  public static FunctionCatalog load() {
    return load(RESOURCE);
  }

  /** A catalog from another classpath resource (tests name their own functions this way). */
  public static FunctionCatalog load(String resource) {
    try (InputStream in = FunctionCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
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
          f.get("trigger").getAsString(), f.get("group").getAsString(), List.copyOf(needs),
          f.has("schedule") ? Optional.of(f.get("schedule").getAsString()) : Optional.empty()));
    }
    if (!root.has("pubsub_delivery")) {
      throw new IllegalStateException("the catalog has no pubsub_delivery block");
    }
    return new FunctionCatalog(List.copyOf(entries), PubSubDeliveryPolicy.parse(root.getAsJsonObject("pubsub_delivery")));
  }

  public List<Entry> http() {
    return functions.stream().filter(Entry::isHttp).toList();
  }

  /** The topic-triggered functions that run on a schedule. */
  public List<Entry> scheduled() {
    return topicTriggered().stream().filter(e -> e.schedule().isPresent()).toList();
  }

  /** The functions a Pub/Sub topic triggers. */
  public List<Entry> topicTriggered() {
    return functions.stream().filter(e -> e.topic().isPresent()).toList();
  }
}
