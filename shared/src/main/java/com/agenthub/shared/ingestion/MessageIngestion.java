package com.agenthub.shared.ingestion;

import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.RejectedMessageRow;
import com.agenthub.shared.warehouse.Rows;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Pub/Sub message's rows to the warehouse, exactly once per message:
 * <ul>
 *   <li>a message already ingested (Pub/Sub delivers at least once) is acknowledged and skipped,
 *       by a marker document written after its rows;
 *   <li>rows carry insert ids, so a retry after a crash between insert and marker is dropped by
 *       the warehouse's own de-duplication;
 *   <li>a message, or a part of one, that can never be read is kept in rejected_messages, logged
 *       and acknowledged — never retried forever, never blocking valid rows;
 *   <li>a warehouse failure propagates, so the message is retried (and dead-lettered in the end).
 * </ul>
 */
public final class MessageIngestion {

  public enum Result { INGESTED, DUPLICATE, REJECTED }

  static final CollectionPath MARKERS = CollectionPath.of("ingested_messages");
  /** Longer than Pub/Sub's longest retention (7 days): no redelivery can outlive its marker. */
  static final Duration MARKER_LIFETIME = Duration.ofDays(8);
  static final String REJECTED_TABLE = "rejected_messages";
  private static final int WHOLE_MESSAGE = -1;

  private final DocumentStore store;
  private final Warehouse warehouse;
  private final Clock clock;

  public MessageIngestion(DocumentStore store, Warehouse warehouse, Clock clock) {
    this.store = store;
    this.warehouse = warehouse;
    this.clock = clock;
  }

  public Result ingest(IncomingMessage message, MessageDecoder decoder) {
    DocumentPath marker = MARKERS.document(Sha256.hex(message.consumer() + "\n" + message.messageId()));
    if (store.get(marker).isPresent()) {
      StructuredLog.info("duplicate delivery skipped", fields(message));
      return Result.DUPLICATE;
    }
    Result result;
    try {
      DecodedMessage decoded = decoder.decode(message.data());
      List<DecodedMessage.UnreadablePart> unreadable = new ArrayList<>(decoded.unreadable());
      if (!decoded.rows().isEmpty()) {
        for (Warehouse.RowError error : warehouse.insert(decoded.table(), decoded.rows())) {
          Warehouse.Row row = decoded.rows().get(error.index());
          unreadable.add(new DecodedMessage.UnreadablePart(error.index(), "refused by the warehouse: " + error.reason(),
              Json.GSON.toJson(Rows.toJson(row.values()))));
        }
      }
      reject(message, unreadable);
      result = unreadable.isEmpty() ? Result.INGESTED : Result.REJECTED;
    } catch (UndecodableMessageException e) {
      reject(message, List.of(new DecodedMessage.UnreadablePart(WHOLE_MESSAGE, e.getMessage(), "")));
      result = Result.REJECTED;
    }
    mark(marker, message);
    return result;
  }

  /** Keeps what could not be read, whole, in the warehouse, and says so in the log. */
  private void reject(IncomingMessage message, List<DecodedMessage.UnreadablePart> parts) {
    if (parts.isEmpty()) {
      return;
    }
    Instant now = Timestamps.now(clock);
    List<Warehouse.Row> rows = new ArrayList<>();
    for (DecodedMessage.UnreadablePart part : parts) {
      boolean whole = part.index() == WHOLE_MESSAGE;
      byte[] kept = whole ? message.data() : part.json().getBytes(StandardCharsets.UTF_8);
      RejectedMessageRow row = new RejectedMessageRow(message.messageId(), message.consumer(),
          whole ? part.reason() : "element " + part.index() + ": " + part.reason(),
          Base64.getEncoder().encodeToString(kept),
          JsonText.of(message.attributes()), now);
      rows.add(new Warehouse.Row(message.consumer() + "/" + message.messageId() + "/" + part.index(), Rows.values(row)));
    }
    List<Warehouse.RowError> errors = warehouse.insert(REJECTED_TABLE, rows);
    Map<String, Object> fields = fields(message);
    fields.put("rejected_parts", parts.size());
    fields.put("reasons", parts.stream().map(DecodedMessage.UnreadablePart::reason).limit(10).toList());
    if (!errors.isEmpty()) {
      fields.put("unrecorded", errors.size());
    }
    StructuredLog.error("message rejected: acknowledged without retry, kept in " + REJECTED_TABLE, fields, null);
  }

  private void mark(DocumentPath marker, IncomingMessage message) {
    Instant now = Timestamps.now(clock);
    try {
      store.commit(List.of(Write.create(marker, Map.of(
          "consumer", message.consumer(), "message_id", message.messageId(),
          "ingested_at", now, "expires_at", now.plus(MARKER_LIFETIME)))));
    } catch (StoreException e) {
      if (e.reason() != StoreException.Reason.ALREADY_EXISTS) {
        throw e;
      }
    }
  }

  private static Map<String, Object> fields(IncomingMessage message) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("consumer", message.consumer());
    fields.put("message_id", message.messageId());
    return fields;
  }
}
