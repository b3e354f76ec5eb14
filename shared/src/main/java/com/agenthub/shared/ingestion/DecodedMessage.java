package com.agenthub.shared.ingestion;

import com.agenthub.shared.port.Warehouse;
import java.util.List;

/**
 * What a message holds for the warehouse: rows for one table, plus the parts that could not be
 * read (kept, with their reason, in rejected_messages).
 */
public record DecodedMessage(String table, List<Warehouse.Row> rows, List<UnreadablePart> unreadable) {

  /** One element of the message that could not become a row. */
  public record UnreadablePart(int index, String reason, String json) {}

  public DecodedMessage {
    rows = List.copyOf(rows);
    unreadable = List.copyOf(unreadable);
  }
}
