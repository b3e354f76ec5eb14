package com.agenthub.shared.http;

import com.agenthub.shared.errors.BatchItem;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one JSON shape of a batch create's answer (CreateAgents, CreateFaqs, ImportPaymentIntents): per item, by
 * its position, {@code created} or {@code found} with the resource, or {@code error} as in an error
 * answer's body; and the three counts.
 */
public final class BatchReplyJson {

  private BatchReplyJson() {}

  /** {@code json} renders an item's resource; {@code createdNow} tells a created one from one found. */
  public static <T> JsonObject of(String listName, String resourceName, List<BatchItem<T>> items, Function<T, JsonObject> json,
      Predicate<T> createdNow) {
    JsonArray list = new JsonArray();
    int created = 0;
    int found = 0;
    for (BatchItem<T> item : items) {
      JsonObject entry = new JsonObject();
      entry.addProperty("index", item.index());
      if (item.result().isPresent()) {
        boolean isNew = createdNow.test(item.result().get());
        created += isNew ? 1 : 0;
        found += isNew ? 0 : 1;
        entry.addProperty("result", isNew ? "created" : "found");
        entry.add(resourceName, json.apply(item.result().get()));
      } else {
        entry.addProperty("result", "error");
        entry.add("error", ErrorJson.detail(item.error().orElseThrow()));
      }
      list.add(entry);
    }
    JsonObject body = new JsonObject();
    body.add(listName, list);
    body.addProperty("created", created);
    body.addProperty("found", found);
    body.addProperty("failed", items.size() - created - found);
    return body;
  }
}
