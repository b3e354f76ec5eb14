package com.agenthub.shared.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.auth.Authenticator;
import com.agenthub.shared.idempotency.IdempotencyKeys;
import com.agenthub.shared.organizations.ApiKeys;
import com.agenthub.shared.organizations.Organizations;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The two HttpEndpoint variants payments added: a required Idempotency-Key, and requests that prove themselves by signature. */
class HttpEndpointKeysAndSignaturesTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final Clock clock = Clock.systemUTC();
  private final Authenticator authenticator = new Authenticator(store, Optional.empty());
  private final IdempotencyKeys keys = new IdempotencyKeys(store, clock);
  private final String apiKey = new Organizations(store, new ApiKeys(store, clock), clock).create("Acme").firstKey().secret();
  private final AtomicInteger handled = new AtomicInteger();

  private FakeHttp.Response post(HttpEndpoint endpoint, Map<String, List<String>> headers, String body) {
    FakeHttp.Response response = new FakeHttp.Response();
    endpoint.serve(new FakeHttp.Request("POST", headers, body.getBytes(StandardCharsets.UTF_8)), response);
    return response;
  }

  private Map<String, List<String>> headers(String... pairs) {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    for (int i = 0; i < pairs.length; i += 2) {
      headers.put(pairs[i], List.of(pairs[i + 1]));
    }
    return headers;
  }

  private HttpEndpoint moneyMoving() {
    return HttpEndpoint.of("Charge", "POST", com.agenthub.shared.auth.Scope.PAYMENTS_WRITE, authenticator, call -> {
      JsonObject body = new JsonObject();
      body.add("n", new JsonPrimitive(handled.incrementAndGet()));
      return ApiReply.created(body);
    }).idempotencyKeyRequired(keys);
  }

  @Test
  void aRequiredKeyThatIsMissingIsA400NamingItAndNothingRuns() {
    FakeHttp.Response response = post(moneyMoving(), headers("Authorization", "Bearer " + apiKey), "{}");
    assertEquals(400, response.status());
    JsonObject error = JsonParser.parseString(response.text()).getAsJsonObject().getAsJsonObject("error");
    assertEquals("Idempotency-Key", error.get("field").getAsString());
    assertEquals(0, handled.get());
  }

  @Test
  void aRequiredKeyIsReplayedLikeAnOptionalOne() {
    Map<String, List<String>> headers = headers("Authorization", "Bearer " + apiKey, "Idempotency-Key", "k-1");
    FakeHttp.Response first = post(moneyMoving(), headers, "{}");
    FakeHttp.Response again = post(moneyMoving(), headers, "{}");
    assertEquals(201, first.status());
    assertEquals(first.text(), again.text());
    assertEquals(List.of("true"), again.headers.get("Idempotent-Replayed"));
    assertEquals(1, handled.get());
    assertEquals(422, post(moneyMoving(), headers, "{\"other\": 1}").status());
  }

  @Test
  void aSignedRequestNeedsNoCredentialAndItsHandlerSeesTheRawBody() {
    String raw = "{ \"id\" :\"evt_1\"}";
    HttpEndpoint webhook = HttpEndpoint.of("Hook", "POST", HttpEndpoint.Access.SIGNED_REQUEST, authenticator, call -> {
      JsonObject body = new JsonObject();
      body.addProperty("raw", call.rawBody());
      return ApiReply.ok(body);
    });
    FakeHttp.Response response = post(webhook, headers(), raw);
    assertEquals(200, response.status());
    assertEquals(raw, JsonParser.parseString(response.text()).getAsJsonObject().get("raw").getAsString(), "byte for byte");
    assertEquals(415, post(webhook, Map.of("Content-Type", List.of("text/plain")), raw).status());
  }
}
