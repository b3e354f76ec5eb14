package com.agenthub.shared.paging;

import com.agenthub.shared.errors.ApiError;
import java.util.Optional;

/** What a caller asks of a list: how many items, and from where (a token from the previous page). */
public record PageRequest(int pageSize, Optional<String> pageToken) {

  public static final int DEFAULT_PAGE_SIZE = 20;
  public static final int MAX_PAGE_SIZE = 100;

  public PageRequest {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw ApiError.invalid("page_size", "'page_size' must be within 1.." + MAX_PAGE_SIZE);
    }
    pageToken = pageToken.filter(t -> !t.isEmpty());
  }
}
