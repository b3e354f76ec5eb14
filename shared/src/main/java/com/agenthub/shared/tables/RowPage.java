package com.agenthub.shared.tables;

import java.util.List;
import java.util.Optional;

/** One page of a query's rows, the token for the next page (empty on the last), and the exact count when asked. */
public record RowPage(TableSchema table, List<Row> rows, Optional<String> nextPageToken, Optional<Long> count) {

  public RowPage {
    rows = List.copyOf(rows);
  }
}
