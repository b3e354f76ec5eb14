package com.agenthub.shared.tables;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.port.Query;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * QueryRows page tokens: base64url JSON holding the last row's order value (typed: string,
 * integer, number, boolean, timestamp or null) and document id, and a fingerprint of the query
 * (table, filters, order), so a token only continues the query that issued it.
 */
final class RowCursors {

  private RowCursors() {}

  static String fingerprint(TableSchema table, Query query) {
    return Sha256.hex(table.tableId() + "|" + query.equalTo() + "|" + query.in() + "|" + query.orderBy() + "|"
        + query.direction() + "|" + query.lower() + "|" + query.upper() + "|" + query.notEqual()).substring(0, 16);
  }

  static String encode(Object orderValue, String documentId, String fingerprint) {
    JsonObject token = new JsonObject();
    if (orderValue == null) {
      token.addProperty("k", "z");
    } else if (orderValue instanceof String s) {
      token.addProperty("k", "s");
      token.addProperty("v", s);
    } else if (orderValue instanceof Long l) {
      token.addProperty("k", "n");
      token.addProperty("v", l);
    } else if (orderValue instanceof Double d) {
      token.addProperty("k", "d");
      token.addProperty("v", d);
    } else if (orderValue instanceof Boolean b) {
      token.addProperty("k", "b");
      token.addProperty("v", b);
    } else if (orderValue instanceof Instant t) {
      token.addProperty("k", "t");
      token.addProperty("v", t.toString());
    } else {
      throw new IllegalStateException("cannot page by a " + orderValue.getClass().getSimpleName());
    }
    token.addProperty("i", documentId);
    token.addProperty("f", fingerprint);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.GSON.toJson(token).getBytes(StandardCharsets.UTF_8));
  }

  static Query.Cursor decode(String token, String fingerprint) {
    try {
      JsonObject json = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8))
          .getAsJsonObject();
      if (!fingerprint.equals(json.get("f").getAsString())) {
        throw ApiError.invalid("page_token", "this page_token belongs to another query (other table, filters or order)");
      }
      String id = json.get("i").getAsString();
      if (!id.matches("[A-Za-z0-9_-]{1,128}")) {
        throw new IllegalArgumentException("not an id");
      }
      Object value = switch (json.get("k").getAsString()) {
        case "z" -> null;
        case "s" -> json.get("v").getAsString();
        case "n" -> json.get("v").getAsLong();
        case "d" -> json.get("v").getAsDouble();
        case "b" -> json.get("v").getAsBoolean();
        case "t" -> Instant.parse(json.get("v").getAsString());
        default -> throw new IllegalArgumentException("unknown kind");
      };
      return new Query.Cursor(value, id);
    } catch (ApiError e) {
      throw e;
    } catch (RuntimeException e) {
      throw ApiError.invalid("page_token", "'page_token' is not a token this API issued");
    }
  }
}
