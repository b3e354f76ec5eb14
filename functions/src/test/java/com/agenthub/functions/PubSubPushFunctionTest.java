package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.analytics.IngestAnalyticsEvents;
import com.agenthub.functions.testing.PushEnvelopes;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.adapter.memory.InMemoryWarehouse;
import com.agenthub.shared.analytics.AnalyticsEventMessages;
import com.agenthub.shared.analytics.NewEvent;
import com.agenthub.shared.http.FakeHttp;
import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.agenthub.shared.testing.CapturedStdout;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract of a topic-triggered function with Pub/Sub push: status codes, error bodies, logs. */
class PubSubPushFunctionTest {

  /** Records what it is handed; throws while {@code failing}. */
  private static final class Recorder extends PubSubPushFunction {
    final List<IncomingMessage> received = new ArrayList<>();
    final List<IncomingMessage> unreadable = new ArrayList<>();
    boolean failing;

    Recorder() {
      super("Recorder");
    }

    @Override
    protected void receive(IncomingMessage message) {
      received.add(message);
      if (failing) {
        throw new IllegalStateException("the warehouse is down");
      }
    }

    @Override
    protected void receiveUnreadable(IncomingMessage whole, UndecodableMessageException problem) {
      unreadable.add(whole);
      super.receiveUnreadable(whole, problem);
    }
  }

  @RegisterExtension
  final CapturedStdout logs = new CapturedStdout();

  private static FakeHttp.Response call(PubSubPushFunction function, String method, byte[] body) {
    FakeHttp.Response response = new FakeHttp.Response();
    function.service(new FakeHttp.Request(method, Map.of("Content-Type", List.of("application/json")), body), response);
    return response;
  }

  private static JsonObject error(FakeHttp.Response response) {
    return JsonParser.parseString(response.text()).getAsJsonObject().getAsJsonObject("error");
  }

  private List<JsonObject> logLines() {
    return logs.text().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
  }

  @Test
  void aPushedMessageIsHandedOverAndAcknowledgedWith204() {
    Recorder function = new Recorder();
    FakeHttp.Response response = call(function, "POST",
        PushEnvelopes.of("m-1", "hello".getBytes(StandardCharsets.UTF_8), Map.of("k", "v"), Optional.of(2)));

    assertEquals(204, response.status());
    assertEquals("", response.text());
    IncomingMessage message = function.received.get(0);
    assertEquals("Recorder", message.consumer());
    assertEquals("m-1", message.messageId());
    assertEquals("hello", new String(message.data(), StandardCharsets.UTF_8));
    assertEquals(Map.of("k", "v"), message.attributes());
  }

  @Test
  void aThrowingFunctionAnswers500WithAnErrorBodyAndAnErrorLogSoPubSubRedelivers() {
    Recorder function = new Recorder();
    function.failing = true;
    FakeHttp.Response response = call(function, "POST", PushEnvelopes.of("m-2", "x".getBytes(StandardCharsets.UTF_8),
        Map.of(), Optional.of(3)));

    assertEquals(500, response.status());
    assertEquals("internal", error(response).get("code").getAsString());
    assertTrue(error(response).get("message").getAsString().contains("m-2"), response.text());
    assertTrue(!response.text().contains("warehouse is down"), "no internals in the answer: " + response.text());
    JsonObject line = logLines().get(0);
    assertEquals("ERROR", line.get("severity").getAsString());
    assertTrue(line.get("message").getAsString().contains("the warehouse is down"), line.toString());
    assertEquals("m-2", line.get("message_id").getAsString());
    assertEquals(3, line.get("delivery_attempt").getAsInt());
    assertEquals(PushEnvelopes.SUBSCRIPTION, line.get("subscription").getAsString());
    assertTrue(line.has("stack_trace"));
  }

  @Test
  void onlyPostIsAccepted() {
    Recorder function = new Recorder();
    FakeHttp.Response response = call(function, "GET", new byte[0]);

    assertEquals(405, response.status());
    assertEquals(List.of("POST"), response.getHeaders().get("Allow"));
    assertEquals("method_not_allowed", error(response).get("code").getAsString());
    assertEquals(List.of(), function.received);
  }

  @Test
  void aBodyThatIsNoPushEnvelopeIsHandedOverWholeAndAcknowledged() {
    Recorder function = new Recorder();
    byte[] garbage = "not an envelope".getBytes(StandardCharsets.UTF_8);
    assertEquals(204, call(function, "POST", garbage).status());
    // An envelope whose id is readable keeps that id, though its data is not base64.
    assertEquals(204, call(function, "POST",
        "{\"message\": {\"messageId\": \"m-3\", \"data\": \"%%%\"}}".getBytes(StandardCharsets.UTF_8)).status());

    assertEquals(List.of(), function.received);
    IncomingMessage whole = function.unreadable.get(0);
    assertTrue(whole.messageId().matches("sha256:[0-9a-f]{64}"), whole.messageId());
    assertEquals("not an envelope", new String(whole.data(), StandardCharsets.UTF_8));
    assertEquals("m-3", function.unreadable.get(1).messageId());
    assertEquals("ERROR", logLines().get(0).get("severity").getAsString());
  }

  @Test
  void aBodyLargerThanAnyPushIsRefused() {
    Recorder function = new Recorder();
    FakeHttp.Response response = call(function, "POST", new byte[PubSubPushFunction.MAX_PUSH_BYTES + 1]);

    assertEquals(413, response.status());
    assertEquals("payload_too_large", error(response).get("code").getAsString());
    assertEquals(List.of(), function.received);
  }

  // ------------------------------------------------------------ an ingesting function over in-memory backends

  private final InMemoryWarehouse warehouse = new InMemoryWarehouse();
  private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
  private final Services services = Services.over(new Services.Backends(new InMemoryDocumentStore(), publisher,
      warehouse, Optional.empty(), Clock.systemUTC(), Duration.ofSeconds(60)));

  private byte[] trackedEvents(int count) {
    List<NewEvent> events = java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> new NewEvent("page.view", Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
        .toList();
    services.eventIntake().track("org-1", events);
    return publisher.published(AnalyticsEventMessages.TOPIC).get(0).data();
  }

  @Test
  void anIngestingFunctionAsksForARetryDuringAnOutageAndStoresARedeliveredMessageOnce() {
    IngestAnalyticsEvents function = new IngestAnalyticsEvents(services);
    byte[] push = PushEnvelopes.of("m-4", trackedEvents(3), Map.of(), Optional.empty());

    warehouse.setAvailable(false);
    assertEquals(500, call(function, "POST", push).status(), "an outage: Pub/Sub must retry");
    warehouse.setAvailable(true);
    assertEquals(204, call(function, "POST", push).status());
    assertEquals(204, call(function, "POST", push).status(), "a redelivery is acknowledged");
    assertEquals(3, warehouse.rows(AnalyticsEventMessages.TABLE).size(), "and stored once");
  }

  @Test
  void anIngestingFunctionKeepsAnUnreadableBodyInRejectedMessagesOnceAndAcknowledgesIt() {
    IngestAnalyticsEvents function = new IngestAnalyticsEvents(services);
    byte[] garbage = "{\"not\": \"a push\"".getBytes(StandardCharsets.UTF_8);

    assertEquals(204, call(function, "POST", garbage).status());
    assertEquals(204, call(function, "POST", garbage).status());
    List<Map<String, Object>> rejected = warehouse.rows("rejected_messages");
    assertEquals(1, rejected.size(), "kept once, though delivered twice");
    assertEquals("IngestAnalyticsEvents", rejected.get(0).get("consumer"));
    assertEquals(Base64.getEncoder().encodeToString(garbage), rejected.get(0).get("data_base64"));
  }
}
