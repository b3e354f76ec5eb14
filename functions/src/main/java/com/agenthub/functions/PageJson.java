package com.agenthub.functions;

import com.agenthub.shared.http.QueryParameters;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.paging.PageRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.function.Function;

/** The list conventions every List function shares: page_size and page_token in, items and next_page_token out. */
public final class PageJson {

  private PageJson() {}

  public static PageRequest request(QueryParameters query) {
    int size = query.optionalInt("page_size", 1, PageRequest.MAX_PAGE_SIZE).orElse(PageRequest.DEFAULT_PAGE_SIZE);
    return new PageRequest(size, query.optional("page_token"));
  }

  public static <T> JsonObject of(String itemsName, Page<T> page, Function<T, JsonElement> render) {
    JsonArray items = new JsonArray();
    page.items().forEach(item -> items.add(render.apply(item)));
    JsonObject json = new JsonObject();
    json.add(itemsName, items);
    json.add("next_page_token", page.nextPageToken().<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE));
    return json;
  }
}
