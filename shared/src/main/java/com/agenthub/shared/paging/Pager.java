package com.agenthub.shared.paging;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Cursor pagination over a query ordered by one field (a timestamp or an integer, ascending or
 * descending, with the document id as tiebreaker). The page token is opaque to callers: base64url
 * JSON holding the last item's position and a fingerprint of the query (filters, order, bounds),
 * so a token cannot be replayed against another list.
 */
public final class Pager {

  private final DocumentStore store;

  public Pager(DocumentStore store) {
    this.store = store;
  }

  /** {@code query} carries the filters; it is ordered ascending by {@code orderField} here. */
  public Page<StoredDocument> page(Query query, String orderField, PageRequest request) {
    return page(query.orderBy(orderField), request);
  }

  /** {@code query} carries the filters, the order field, its direction and any bounds; the cursor is set here. */
  public Page<StoredDocument> page(Query query, PageRequest request) {
    String orderField = query.orderBy().orElseThrow(() -> new IllegalArgumentException("paging needs an order field"));
    String fingerprint = fingerprint(query);
    Query ordered = query;
    if (request.pageToken().isPresent()) {
      ordered = ordered.startAfter(decode(request.pageToken().get(), fingerprint));
    }
    List<StoredDocument> found = store.query(ordered.limit(request.pageSize() + 1));
    if (found.size() <= request.pageSize()) {
      return new Page<>(found, Optional.empty());
    }
    List<StoredDocument> items = found.subList(0, request.pageSize());
    StoredDocument last = items.get(items.size() - 1);
    return new Page<>(items, Optional.of(encode(last.data().get(orderField), last.id(), fingerprint)));
  }

  private static String encode(Object after, String id, String fingerprint) {
    JsonObject token = new JsonObject();
    if (after instanceof Instant instant) {
      token.addProperty("t", instant.toString());
    } else if (after instanceof Long number) {
      token.addProperty("n", number);
    } else {
      throw new IllegalStateException("cannot page by a " + (after == null ? "missing" : after.getClass().getSimpleName()) + " value");
    }
    token.addProperty("i", id);
    token.addProperty("f", fingerprint);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.GSON.toJson(token).getBytes(StandardCharsets.UTF_8));
  }

  private static Query.Cursor decode(String token, String fingerprint) {
    try {
      JsonObject json = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8))
          .getAsJsonObject();
      if (!fingerprint.equals(json.get("f").getAsString())) {
        throw ApiError.invalid("page_token", "this page_token belongs to a list with other filters");
      }
      String id = json.get("i").getAsString();
      if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException("not an id");
      }
      Object after = json.has("t") ? Instant.parse(json.get("t").getAsString()) : (Object) json.get("n").getAsLong();
      return new Query.Cursor(after, id);
    } catch (ApiError e) {
      throw e;
    } catch (RuntimeException e) {
      throw ApiError.invalid("page_token", "'page_token' is not a token this API issued");
    }
  }

  /** Ascending unbounded lists keep the fingerprint they had before order and bounds existed: issued tokens stay valid. */
  private static String fingerprint(Query query) {
    String shape = query.collection() + "|" + query.equalTo() + "|" + query.orderBy().orElseThrow();
    if (query.descending() || query.lower().isPresent() || query.upper().isPresent()) {
      shape += "|" + query.direction() + "|" + query.lower() + "|" + query.upper();
    }
    return Sha256.hex(shape).substring(0, 16);
  }
}
