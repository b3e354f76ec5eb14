package com.agenthub.shared.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ingestion.DecodedMessage;
import com.agenthub.shared.messages.UndecodableMessageException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventIntakeTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
  private final EventIntake intake = new EventIntake(publisher, Clock.fixed(NOW, ZoneOffset.UTC));

  private static NewEvent event(String type, Optional<String> clientId, Optional<Instant> at) {
    return new NewEvent(type, Map.of("n", 1L), Optional.of("u1"), Optional.empty(), at, clientId);
  }

  @Test
  void aClientEventIdGivesTheSameIdOnRetryAndDifferentIdsAcrossOrganizations() {
    String first = intake.track("orgA", List.of(event("page.view", Optional.of("e-1"), Optional.empty()))).get(0).id().orElseThrow();
    String retry = intake.track("orgA", List.of(event("page.view", Optional.of("e-1"), Optional.empty()))).get(0).id().orElseThrow();
    String other = intake.track("orgB", List.of(event("page.view", Optional.of("e-1"), Optional.empty()))).get(0).id().orElseThrow();
    assertEquals(first, retry);
    assertTrue(!first.equals(other));
  }

  @Test
  void theValidEventsOfABatchArePublishedAsOneMessageAndTheInvalidOnesAreReported() throws UndecodableMessageException {
    List<EventOutcome> outcomes = intake.track("orgA", List.of(
        event("a.b", Optional.of("x"), Optional.empty()),
        event("a.b", Optional.of("x"), Optional.empty()),
        event("a.b", Optional.empty(), Optional.of(NOW.minusSeconds(40L * 24 * 3600))),
        event("a.b", Optional.empty(), Optional.of(NOW.minusSeconds(60)))));

    assertTrue(outcomes.get(0).id().isPresent());
    assertEquals("event_id", outcomes.get(1).error().orElseThrow().field().orElseThrow());
    assertEquals("timestamp", outcomes.get(2).error().orElseThrow().field().orElseThrow());
    assertTrue(outcomes.get(3).id().isPresent());
    assertEquals(1, publisher.published(AnalyticsEventMessages.TOPIC).size());
    DecodedMessage decoded = AnalyticsEventMessages.decode(publisher.published(AnalyticsEventMessages.TOPIC).get(0).data());
    assertEquals(2, decoded.rows().size());
    assertEquals(NOW.minusSeconds(60), decoded.rows().get(1).values().get("created_at"));
    assertEquals(NOW, decoded.rows().get(1).values().get("received_at"));
    assertEquals("orgA", decoded.rows().get(0).values().get("organization_id"));
  }

  @Test
  void nothingIsAcceptedWhenPubSubIsDown() {
    publisher.setAvailable(false);
    ApiError error = assertThrows(ApiError.class,
        () -> intake.track("orgA", List.of(event("a.b", Optional.empty(), Optional.empty()))));
    assertEquals(ErrorKind.UNAVAILABLE, error.kind());
  }

  @Test
  void eventTypesMustBeDottedLowercaseWords() {
    for (String bad : List.of("", "A.b", "a..b", "a b", "x'; DROP TABLE t; --", "a".repeat(101), ".a", "a.")) {
      ApiError error = assertThrows(ApiError.class, () -> EventTypes.require("event_type", bad), bad);
      assertEquals("event_type", error.field().orElseThrow());
    }
    assertEquals("conversation.started", EventTypes.require("event_type", "conversation.started"));
  }

  @Test
  void aMessageThatIsNotAnEventListIsUndecodableAndABadElementIsSetAsideAlone() throws UndecodableMessageException {
    assertThrows(UndecodableMessageException.class, () -> AnalyticsEventMessages.decode("not json".getBytes(StandardCharsets.UTF_8)));
    assertThrows(UndecodableMessageException.class, () -> AnalyticsEventMessages.decode("{\"rows\": []}".getBytes(StandardCharsets.UTF_8)));
    intake.track("orgA", List.of(event("a.b", Optional.empty(), Optional.empty())));
    String good = new String(publisher.published(AnalyticsEventMessages.TOPIC).get(0).data(), StandardCharsets.UTF_8);
    String mixed = good.replace("]}", ", {\"id\": \"x\"}, 7]}");
    DecodedMessage decoded = AnalyticsEventMessages.decode(mixed.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, decoded.rows().size());
    assertEquals(2, decoded.unreadable().size());
    assertTrue(decoded.unreadable().get(0).reason().contains("REQUIRED"), decoded.unreadable().get(0).reason());
  }
}
