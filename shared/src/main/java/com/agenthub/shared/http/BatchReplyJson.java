package com.agenthub.shared.http;

import com.agenthub.shared.errors.ApiError;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The one JSON shape of a batch create's answer (CreateAgents, ImportPaymentIntents): per item, by
 * its position, {@code created} or {@code found} with the resource, or {@code error} as in an error
 * answer's body; and the three counts.
 */
public final class BatchReplyJson {

  /** One item's outcome: the resource as JSON and whether it was created now, or the error. */
  public record Item(int index, Optional<JsonObject> resource, boolean created, Optional<ApiError> error) {}

  private BatchReplyJson() {}

  public static JsonObject of(String listName, String resourceName, List<Item> items) {
    JsonArray list = new JsonArray();
    int created = 0;
    int found = 0;
    for (Item item : items) {
      JsonObject entry = new JsonObject();
      entry.addProperty("index", item.index());
      if (item.resource().isPresent()) {
        created += item.created() ? 1 : 0;
        found += item.created() ? 0 : 1;
        entry.addProperty("result", item.created() ? "created" : "found");
        entry.add(resourceName, item.resource().get());
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
