package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.embeddings.EmbeddedText;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * POST {texts: [...]} (1..100): a vector per text from the organization's embeddings cache or the
 * model, each saying whether it was a cache hit, and the model that made them. With
 * {@code cached_only} a lookup: cached vectors only (null for the others), no model call, nothing written.
 */
public final class EmbedTexts extends EndpointFunction {

  public EmbedTexts() {
    this(Services.production());
  }

  public EmbedTexts(Services services) {
    super(HttpEndpoint.of("EmbedTexts", "POST", Scope.KNOWLEDGE_READ, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("texts", "cached_only"));
      var embeddings = services.knowledge().embeddings();
      List<String> texts = texts(call.body().asJson().get("texts"));
      List<EmbeddedText> embedded = call.body().optionalBoolean("cached_only").orElse(false)
          ? lookedUp(embeddings.cached(call.organizationId(), texts))
          : embeddings.embed(call.organizationId(), texts);
      JsonArray items = new JsonArray();
      int hits = 0;
      for (int i = 0; i < embedded.size(); i++) {
        JsonObject item = new JsonObject();
        item.addProperty("index", i);
        item.addProperty("cache_hit", embedded.get(i).cacheHit());
        if (embedded.get(i).vector() == null) {
          item.add("vector", JsonNull.INSTANCE);
        } else {
          JsonArray vector = new JsonArray();
          for (float value : embedded.get(i).vector()) {
            vector.add(value);
          }
          item.add("vector", vector);
        }
        items.add(item);
        hits += embedded.get(i).cacheHit() ? 1 : 0;
      }
      JsonObject model = new JsonObject();
      model.addProperty("id", embeddings.model().id());
      model.addProperty("dimensions", embeddings.model().dimensions());
      JsonObject body = new JsonObject();
      body.add("model", model);
      body.addProperty("cache_hits", hits);
      body.add("embeddings", items);
      return ApiReply.ok(body);
    }));
  }

  /** A lookup's answer in EmbedTexts' shape: a miss is no hit and has no vector. */
  private static List<EmbeddedText> lookedUp(List<Optional<float[]>> cached) {
    return cached.stream().map(found -> new EmbeddedText(found.orElse(null), found.isPresent())).toList();
  }

  private static List<String> texts(JsonElement texts) {
    if (texts == null || !texts.isJsonArray()) {
      throw ApiError.invalid("texts", "'texts' is required: an array of 1..100 strings");
    }
    List<String> values = new ArrayList<>();
    JsonArray array = texts.getAsJsonArray();
    for (int i = 0; i < array.size(); i++) {
      JsonElement text = array.get(i);
      if (!text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
        throw ApiError.invalid("texts[" + i + "]", "each text must be a string");
      }
      values.add(text.getAsString());
    }
    return values;
  }
}
