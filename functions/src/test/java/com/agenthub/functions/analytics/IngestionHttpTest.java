package com.agenthub.functions.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.LocalStackFixture.Tenant;
import com.agenthub.functions.testing.WarehouseProbe;
import com.agenthub.shared.adapter.pubsub.PubSubEventPublisher;
import com.agenthub.shared.analytics.AnalyticsEventMessages;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.testing.Emulators;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** IngestAnalyticsEvents under the real Functions Framework, fed as Pub/Sub would feed it. */
class IngestionHttpTest {

  private static final Duration PIPELINE = Duration.ofSeconds(150);
  private final HttpClient http = HttpClient.newHttpClient();

  private static String eventsJson(String organizationId, String id) {
    return "{\"events\": [{\"id\": \"" + id + "\", \"organization_id\": \"" + organizationId + "\", \"event_type\": \"redelivered\","
        + " \"event_data\": \"{}\", \"user_id\": null, \"session_id\": null,"
        + " \"created_at\": \"2026-11-26T10:00:00Z\", \"received_at\": \"2026-11-26T10:00:01Z\"}]}";
  }

  /** POSTs a messagePublished CloudEvent (binary mode) as the dev server's delivery does. */
  private int deliver(String messageId, String data) throws Exception {
    String envelope = "{\"message\": {\"data\": \"" + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))
        + "\", \"attributes\": {}, \"messageId\": \"" + messageId + "\", \"publishTime\": \"2026-11-26T10:00:02Z\"},"
        + " \"subscription\": \"projects/p/subscriptions/s\"}";
    HttpRequest request = HttpRequest.newBuilder(URI.create(LocalStackFixture.baseUrl() + "/IngestAnalyticsEvents"))
        .header("ce-specversion", "1.0").header("ce-id", messageId)
        .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
        .header("ce-source", "//pubsub.googleapis.com/projects/p/topics/analytics-events")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(envelope)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void theSameMessageDeliveredThreeTimesGivesOneRow() throws Exception {
    String organization = "redelivery-" + UUID.randomUUID();
    String messageId = "msg-" + UUID.randomUUID();
    for (int delivery = 0; delivery < 3; delivery++) {
      assertEquals(200, deliver(messageId, eventsJson(organization, "row-" + messageId)));
    }
    assertEquals(1, WarehouseProbe.count("analytics_events", "organization_id", organization));
  }

  @Test
  void aPoisonMessageOnTheTopicIsAcknowledgedKeptAndLosesNothingElse() throws Exception {
    Tenant tenant = LocalStackFixture.newTenant("Poison");
    LocalStackFixture.baseUrl();
    String poisonId;
    try (PubSubEventPublisher publisher = new PubSubEventPublisher(Emulators.pubsub())) {
      poisonId = publisher.publish(AnalyticsEventMessages.TOPIC,
          EventPublisher.Message.of("not json at all".getBytes(StandardCharsets.UTF_8), Map.of("source", "test")));
    }
    ApiResponse tracked = tenant.client().post("TrackEvents", "{\"event_type\": \"after.poison\"}");
    assertEquals(202, tracked.status());

    assertEquals(1, WarehouseProbe.awaitCount("analytics_events", "organization_id", tenant.organizationId(), 1, PIPELINE));
    assertEquals(1, WarehouseProbe.awaitCount("rejected_messages", "message_id", poisonId, 1, PIPELINE));
    // Acknowledged: not delivered again, so it is kept once rather than once per attempt.
    WarehouseProbe.sleep(2000);
    assertEquals(1, WarehouseProbe.count("rejected_messages", "message_id", poisonId));
  }
}
