package com.agenthub.shared.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.adapter.memory.InMemoryWarehouse;
import com.agenthub.shared.analytics.AnalyticsEventMessages;
import com.agenthub.shared.analytics.EventIntake;
import com.agenthub.shared.analytics.NewEvent;
import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.port.WarehouseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exactly one row per message, whatever Pub/Sub redelivers; poison is kept and acknowledged. */
class MessageIngestionTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final InMemoryWarehouse warehouse = new InMemoryWarehouse();
  private final MessageIngestion ingestion = new MessageIngestion(store, warehouse, Clock.systemUTC());

  private byte[] trackedMessage(int events) {
    InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    List<NewEvent> batch = java.util.stream.IntStream.range(0, events)
        .mapToObj(i -> new NewEvent("page.view", Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
        .toList();
    new EventIntake(publisher, Clock.systemUTC()).track("org1", batch);
    return publisher.published(AnalyticsEventMessages.TOPIC).get(0).data();
  }

  private static IncomingMessage message(String id, byte[] data) {
    return new IncomingMessage("IngestAnalyticsEvents", id, data, Map.of("k", "v"));
  }

  @Test
  void theSameMessageDeliveredThreeTimesGivesOneRowPerEvent() {
    IncomingMessage message = message("m-1", trackedMessage(3));
    assertEquals(MessageIngestion.Result.INGESTED, ingestion.ingest(message, AnalyticsEventMessages::decode));
    assertEquals(MessageIngestion.Result.DUPLICATE, ingestion.ingest(message, AnalyticsEventMessages::decode));
    assertEquals(MessageIngestion.Result.DUPLICATE, ingestion.ingest(message, AnalyticsEventMessages::decode));
    assertEquals(3, warehouse.rows("analytics_events").size());
  }

  @Test
  void aPoisonMessageIsKeptAcknowledgedAndDoesNotStopTheNextOne() {
    byte[] poison = "{\"events\": oops".getBytes(StandardCharsets.UTF_8);
    assertEquals(MessageIngestion.Result.REJECTED, ingestion.ingest(message("bad", poison), AnalyticsEventMessages::decode));
    assertEquals(MessageIngestion.Result.DUPLICATE, ingestion.ingest(message("bad", poison), AnalyticsEventMessages::decode),
        "a redelivered poison message is not rejected twice");

    List<Map<String, Object>> rejected = warehouse.rows("rejected_messages");
    assertEquals(1, rejected.size());
    assertEquals("bad", rejected.get(0).get("message_id"));
    assertEquals("IngestAnalyticsEvents", rejected.get(0).get("consumer"));
    assertEquals("{\"events\": oops", new String(Base64.getDecoder().decode((String) rejected.get(0).get("data_base64")), StandardCharsets.UTF_8));

    assertEquals(MessageIngestion.Result.INGESTED, ingestion.ingest(message("good", trackedMessage(2)), AnalyticsEventMessages::decode));
    assertEquals(2, warehouse.rows("analytics_events").size());
  }

  @Test
  void aWarehouseOutageThrowsSoPubSubRetriesAndTheRetryStoresTheRows() {
    IncomingMessage message = message("m-2", trackedMessage(2));
    Warehouse down = new Warehouse() {
      @Override
      public List<RowError> insert(String table, List<Row> rows) {
        throw new WarehouseException(WarehouseException.Reason.UNAVAILABLE, "backendError");
      }

      @Override
      public List<Map<String, Object>> query(String sql, Map<String, QueryParameter> parameters) {
        throw new UnsupportedOperationException();
      }

      @Override
      public long execute(String sql, Map<String, QueryParameter> parameters) {
        throw new UnsupportedOperationException();
      }
    };
    MessageIngestion failing = new MessageIngestion(store, down, Clock.systemUTC());
    assertThrows(WarehouseException.class, () -> failing.ingest(message, AnalyticsEventMessages::decode));

    assertEquals(MessageIngestion.Result.INGESTED, ingestion.ingest(message, AnalyticsEventMessages::decode),
        "no marker was left by the failed attempt");
    assertEquals(2, warehouse.rows("analytics_events").size());
  }

  @Test
  void aBadElementIsSetAsideWhileItsNeighboursAreStored() {
    String good = new String(trackedMessage(2), StandardCharsets.UTF_8);
    byte[] mixed = good.replace("]}", ", {\"id\": \"x\"}]}").getBytes(StandardCharsets.UTF_8);
    assertEquals(MessageIngestion.Result.REJECTED, ingestion.ingest(message("mixed", mixed), AnalyticsEventMessages::decode));
    assertEquals(2, warehouse.rows("analytics_events").size());
    assertEquals(1, warehouse.rows("rejected_messages").size());
    assertTrue(((String) warehouse.rows("rejected_messages").get(0).get("reason")).startsWith("element 2:"));
  }
}
