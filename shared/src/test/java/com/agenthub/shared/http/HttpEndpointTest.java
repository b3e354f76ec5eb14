package com.agenthub.shared.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.auth.Authenticator;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.testing.CapturedStdout;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conventions every function shares: error shape, no stack traces out, one safe log line. */
class HttpEndpointTest {

  private static final String ADMIN = "admin-secret-token";
  private final Authenticator authenticator = new Authenticator(new InMemoryDocumentStore(), Optional.of(ADMIN));
  @RegisterExtension
  final CapturedStdout logs = new CapturedStdout();

  private FakeHttp.Response call(HttpEndpoint.Handler handler, Map<String, List<String>> headers) {
    FakeHttp.Response response = new FakeHttp.Response();
    HttpEndpoint.of("Test", "POST", HttpEndpoint.Access.PLATFORM_ADMIN, authenticator, handler)
        .serve(new FakeHttp.Request("POST", headers, "{}".getBytes(StandardCharsets.UTF_8)), response);
    return response;
  }

  private static Map<String, List<String>> admin(String... extra) {
    var headers = new java.util.HashMap<String, List<String>>();
    headers.put("Authorization", List.of("Bearer " + ADMIN));
    headers.put("Content-Type", List.of("application/json"));
    for (int i = 0; i < extra.length; i += 2) {
      headers.put(extra[i], List.of(extra[i + 1]));
    }
    return headers;
  }

  @Test
  void anUnexpectedExceptionIsA500WithoutItsDetailsAndIsLoggedWithItsStack() {
    FakeHttp.Response response = call(c -> {
      throw new IllegalStateException("secret internals at com.agenthub.Foo");
    }, admin());
    assertEquals(500, response.status);
    JsonObject error = JsonParser.parseString(response.text()).getAsJsonObject().getAsJsonObject("error");
    assertEquals("internal", error.get("code").getAsString());
    assertFalse(response.text().contains("secret internals"));
    JsonObject log = JsonParser.parseString(logs.text().strip()).getAsJsonObject();
    assertEquals("ERROR", log.get("severity").getAsString());
    assertTrue(log.get("stack_trace").getAsString().contains("IllegalStateException"));
  }

  @Test
  void anUnavailableStoreIsA503WithRetryAfter() {
    FakeHttp.Response response = call(c -> {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "connection refused");
    }, admin());
    assertEquals(503, response.status);
    assertEquals(List.of("1"), response.headers.get("Retry-After"));
  }

  @Test
  void anUnavailableWarehouseIsA503WithRetryAfter() {
    FakeHttp.Response response = call(c -> {
      throw new com.agenthub.shared.port.WarehouseException(com.agenthub.shared.port.WarehouseException.Reason.UNAVAILABLE, "backendError");
    }, admin());
    assertEquals(503, response.status);
    assertEquals(List.of("1"), response.headers.get("Retry-After"));
  }

  @Test
  void theLogLineCarriesTraceAndSeverityButNeverTheCredential() {
    FakeHttp.Response response = call(c -> ApiReply.ok(new JsonObject()),
        admin("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    assertEquals(200, response.status);
    String line = logs.text().strip();
    JsonObject log = JsonParser.parseString(line).getAsJsonObject();
    assertEquals("INFO", log.get("severity").getAsString());
    assertEquals("projects/local/traces/4bf92f3577b34da6a3ce929d0e0e4736", log.get("logging.googleapis.com/trace").getAsString());
    assertEquals(200, log.getAsJsonObject("httpRequest").get("status").getAsInt());
    assertFalse(line.contains(ADMIN));
  }

  @Test
  void everyLogLineCarriesTheLatencyAsANumberOfMillisecondsWhateverTheOutcome() {
    call(c -> ApiReply.ok(new JsonObject()), admin());
    call(c -> {
      throw new IllegalStateException("defect");
    }, admin());
    call(c -> ApiReply.ok(new JsonObject()), Map.of("Authorization", List.of("Bearer wrong")));
    List<String> lines = logs.text().strip().lines().filter(l -> l.startsWith("{")).toList();
    assertEquals(3, lines.size(), logs.text());
    for (String line : lines) {
      JsonObject log = JsonParser.parseString(line).getAsJsonObject();
      assertTrue(log.get("latency_ms").getAsJsonPrimitive().isNumber(), line);
      double fromDuration = Double.parseDouble(log.getAsJsonObject("httpRequest").get("latency").getAsString().replace("s", "")) * 1000;
      assertEquals(fromDuration, log.get("latency_ms").getAsDouble(), 0.001, "the same latency as httpRequest's: " + line);
    }
  }

  @Test
  void cloudTraceContextIsUnderstoodToo() {
    call(c -> ApiReply.ok(new JsonObject()), admin("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1"));
    JsonObject log = JsonParser.parseString(logs.text().strip()).getAsJsonObject();
    assertEquals("projects/local/traces/105445aa7843bc8bf206b12000100000", log.get("logging.googleapis.com/trace").getAsString());
  }

  @Test
  void aWrongAdminTokenIs401AndTheHandlerNeverRuns() {
    FakeHttp.Response response = call(c -> {
      throw new AssertionError("must not run");
    }, Map.of("Authorization", List.of("Bearer wrong")));
    assertEquals(401, response.status);
    assertTrue(response.text().contains("\"unauthenticated\""));
  }

  @Test
  void theOutboxRelayRunsAlongsideTheRestOfTheRequestAndEndsBeforeTheReply() {
    InMemoryDocumentStore store = new InMemoryDocumentStore();
    com.agenthub.shared.adapter.memory.InMemoryEventPublisher published =
        new com.agenthub.shared.adapter.memory.InMemoryEventPublisher();
    long[] publishEnded = new long[1];
    Thread[] publishedOn = new Thread[1];
    com.agenthub.shared.port.EventPublisher slowBroker = (topic, message) -> {
      publishedOn[0] = Thread.currentThread();
      sleep(200);
      String id = published.publish(topic, message);
      publishEnded[0] = System.nanoTime();
      return id;
    };
    var relaying = new com.agenthub.shared.changes.RelayingDocumentStore(store,
        new com.agenthub.shared.changes.OutboxRelay(store, slowBroker, java.time.Clock.systemUTC()));
    var agents = new com.agenthub.shared.agents.Agents(relaying, java.time.Clock.systemUTC());
    long[] handlerReturned = new long[1];

    FakeHttp.Response response = call(c -> {
      agents.create("org1", new com.agenthub.shared.agents.NewAgent("Ada", Optional.empty(), Map.of(),
          com.agenthub.shared.agents.AgentStatus.ACTIVE));
      handlerReturned[0] = System.nanoTime();
      return ApiReply.ok(new JsonObject());
    }, admin());
    long served = System.nanoTime();

    assertEquals(200, response.status);
    assertFalse(publishedOn[0] == Thread.currentThread(), "published on a thread of its own");
    assertTrue(handlerReturned[0] < publishEnded[0], "the handler went on while the change was being published");
    assertTrue(publishEnded[0] <= served, "the reply waited for the publish");
    assertEquals(1, published.published(com.agenthub.shared.changes.ChangeMessages.TOPIC).size());
    assertEquals(List.of(), store.query(com.agenthub.shared.port.Query.all(
        com.agenthub.shared.changes.Outbox.COLLECTION, 10)), "relayed records are deleted before the reply");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
