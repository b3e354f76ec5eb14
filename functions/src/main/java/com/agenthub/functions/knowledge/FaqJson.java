package com.agenthub.functions.knowledge;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.JsonFields;
import com.agenthub.shared.knowledge.Faq;
import com.agenthub.shared.knowledge.FaqChanges;
import com.agenthub.shared.knowledge.FaqMatch;
import com.agenthub.shared.knowledge.NewFaq;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How FAQs look on the wire, both ways. */
final class FaqJson {

  static final Set<String> WRITABLE = Set.of("question", "answer", "category", "tags");

  private FaqJson() {}

  /** Only at creation: a client-chosen id. */
  static final Set<String> CREATABLE = Set.of("id", "question", "answer", "category", "tags");

  static NewFaq newFaq(JsonFields body) {
    body.rejectUnknown(CREATABLE);
    return new NewFaq(body.optionalString("id"), body.requiredString("question"), body.requiredString("answer"), body.optionalString("category").orElse(null),
        tags(body.asJson().get("tags")).orElse(List.of()));
  }

  static FaqChanges changes(JsonFields body) {
    body.rejectUnknown(WRITABLE);
    return new FaqChanges(body.optionalString("question"), body.optionalString("answer"), body.optionalString("category"),
        tags(body.asJson().get("tags")));
  }

  static JsonObject of(Faq faq) {
    JsonObject json = new JsonObject();
    json.addProperty("id", faq.id());
    json.addProperty("organization_id", faq.organizationId());
    json.addProperty("question", faq.question());
    json.addProperty("answer", faq.answer());
    json.addProperty("category", faq.category());
    JsonArray tags = new JsonArray();
    faq.tags().forEach(tags::add);
    json.add("tags", tags);
    json.addProperty("created_at", faq.createdAt().toString());
    json.addProperty("updated_at", faq.updatedAt().toString());
    json.addProperty("etag", ETags.of(faq.version()));
    return json;
  }

  static JsonObject matches(List<FaqMatch> matches, double threshold) {
    JsonArray items = new JsonArray();
    for (FaqMatch match : matches) {
      JsonObject item = new JsonObject();
      item.add("faq", of(match.faq()));
      item.addProperty("score", Math.round(match.score() * 10_000) / 10_000.0);
      items.add(item);
    }
    JsonObject json = new JsonObject();
    json.addProperty("matched", !matches.isEmpty());
    json.addProperty("threshold", threshold);
    json.add("matches", items);
    return json;
  }

  static Optional<List<String>> tags(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return Optional.empty();
    }
    if (!value.isJsonArray()) {
      throw ApiError.invalid("tags", "'tags' must be an array of strings");
    }
    List<String> tags = new ArrayList<>();
    JsonArray array = value.getAsJsonArray();
    for (int i = 0; i < array.size(); i++) {
      JsonElement tag = array.get(i);
      if (!tag.isJsonPrimitive() || !tag.getAsJsonPrimitive().isString()) {
        throw ApiError.invalid("tags[" + i + "]", "a tag must be a string");
      }
      tags.add(tag.getAsString());
    }
    return Optional.of(tags);
  }
}
