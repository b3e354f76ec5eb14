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
 * Cursor pagination over a query ordered by a timestamp field (with the document id as
 * tiebreaker). The page token is opaque to callers: base64url JSON holding the last item's
 * position and a fingerprint of the query, so a token cannot be replayed against other filters.
 */
public final class Pager {

  private final DocumentStore store;

  public Pager(DocumentStore store) {
    this.store = store;
  }

  /** {@code query} carries the filters; its order and cursor are set here. */
  public Page<StoredDocument> page(Query query, String orderField, PageRequest request) {
    String fingerprint = fingerprint(query, orderField);
    Query ordered = query.orderBy(orderField);
    if (request.pageToken().isPresent()) {
      ordered = ordered.startAfter(decode(request.pageToken().get(), fingerprint));
    }
    List<StoredDocument> found = store.query(new Query(ordered.collection(), ordered.equalTo(),
        ordered.orderBy(), ordered.startAfter(), request.pageSize() + 1));
    if (found.size() <= request.pageSize()) {
      return new Page<>(found, Optional.empty());
    }
    List<StoredDocument> items = found.subList(0, request.pageSize());
    StoredDocument last = items.get(items.size() - 1);
    return new Page<>(items, Optional.of(encode((Instant) last.data().get(orderField), last.id(), fingerprint)));
  }

  private static String encode(Instant after, String id, String fingerprint) {
    JsonObject token = new JsonObject();
    token.addProperty("t", after.toString());
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
      if (!id.matches("[A-Za-z0-9]{1,64}")) {
        throw new IllegalArgumentException("not an id");
      }
      return new Query.Cursor(Instant.parse(json.get("t").getAsString()), id);
    } catch (ApiError e) {
      throw e;
    } catch (RuntimeException e) {
      throw ApiError.invalid("page_token", "'page_token' is not a token this API issued");
    }
  }

  private static String fingerprint(Query query, String orderField) {
    return Sha256.hex(query.collection() + "|" + query.equalTo() + "|" + orderField).substring(0, 16);
  }
}
