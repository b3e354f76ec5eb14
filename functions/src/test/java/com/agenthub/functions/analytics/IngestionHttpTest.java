package com.agenthub.functions.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.LocalStackFixture.Tenant;
import com.agenthub.functions.testing.PushEnvelopes;
import com.agenthub.functions.testing.WarehouseProbe;
import com.agenthub.shared.adapter.pubsub.PubSubEventPublisher;
import com.agenthub.shared.analytics.AnalyticsEventMessages;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.agenthub.shared.testing.Emulators;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** IngestAnalyticsEvents under the real Functions Framework, fed push envelopes as Pub/Sub push would feed it. */
class IngestionHttpTest {

  private static final Duration PIPELINE = Duration.ofSeconds(150);

  private static String eventsJson(String organizationId, String id) {
    return "{\"events\": [{\"id\": \"" + id + "\", \"organization_id\": \"" + organizationId + "\", \"event_type\": \"redelivered\","
        + " \"event_data\": \"{}\", \"user_id\": null, \"session_id\": null,"
        + " \"created_at\": \"2026-11-26T10:00:00Z\", \"received_at\": \"2026-11-26T10:00:01Z\"}]}";
  }

  /** POSTs the push envelope, as Pub/Sub push (and the dev server's delivery) does. */
  private static ApiResponse deliver(byte[] body) {
    return new ApiClient(LocalStackFixture.baseUrl(), null).sendBytes("POST", "IngestAnalyticsEvents", body,
        request -> request.header("Content-Type", "application/json"));
  }

  @Test
  void theSameMessageDeliveredThreeTimesGivesOneRow() {
    String organization = "redelivery-" + UUID.randomUUID();
    String messageId = "msg-" + UUID.randomUUID();
    for (int delivery = 0; delivery < 3; delivery++) {
      assertEquals(204, deliver(PushEnvelopes.of(messageId, eventsJson(organization, "row-" + messageId))).status());
    }
    assertEquals(1, WarehouseProbe.count("analytics_events", "organization_id", organization));
  }

  @Test
  void aBodyThatIsNoPushEnvelopeIsKeptOnceInRejectedMessagesAndAcknowledged() {
    String marker = "not-an-envelope-" + UUID.randomUUID();
    byte[] body = ("{\"unexpected\": \"" + marker + "\"}").getBytes(StandardCharsets.UTF_8);
    assertEquals(204, deliver(body).status());
    assertEquals(204, deliver(body).status(), "a redelivery is acknowledged too");

    String messageId = "sha256:" + Sha256.hex(body);
    assertEquals(1, WarehouseProbe.count("rejected_messages", "message_id", messageId), "kept once");
    assertEquals(Base64.getEncoder().encodeToString(body), WarehouseProbe.query(
        "SELECT data_base64 FROM {rejected_messages} WHERE message_id = @value",
        Map.of("value", QueryParameter.string(messageId))).get(0).get("data_base64"));
  }

  @Test
  void onlyPostIsAccepted() {
    ApiResponse response = new ApiClient(LocalStackFixture.baseUrl(), null).get("IngestAnalyticsEvents");
    assertEquals(405, response.status());
    assertEquals("method_not_allowed", response.errorCode());
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
