package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.http.HttpLimits;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whatever arrives, the caller gets the right 4xx with a JSON error, and nothing is written. */
class BadInputHttpTest {

  private ApiClient org;

  @BeforeEach
  void freshTenant() {
    org = LocalStackFixture.newOrganization("Bad input");
  }

  private ApiResponse createWith(String contentType, byte[] body) {
    return org.sendBytes("POST", "CreateAgent", body, b -> {
      if (contentType != null) {
        b.header("Content-Type", contentType);
      }
    });
  }

  private ApiResponse createWith(String json) {
    return createWith("application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRejected(int status, String code, String field, ApiResponse response) {
    assertEquals(status, response.status(), response.toString());
    assertEquals(code, response.errorCode(), response.toString());
    assertEquals(field, response.errorField(), response.toString());
    assertFalse(response.body().contains("Exception"), response.body());
    assertEquals(0, org.get("ListAgents").json().getAsJsonArray("agents").size(), "nothing was written");
  }

  @Test
  void malformedJson() {
    assertRejected(400, "malformed_request", null, createWith("{\"name\": \"x\""));
    assertRejected(400, "malformed_request", null, createWith("{'name': 'single quotes'}"));
    assertRejected(400, "malformed_request", null, createWith("{\"name\": \"x\"} trailing"));
    assertRejected(400, "malformed_request", null, createWith("[{\"name\": \"an array\"}]"));
    assertRejected(400, "malformed_request", null, createWith("{\"name\": NaN}"));
  }

  @Test
  void duplicateKeysAndLoneSurrogatesAreRefusedNamingTheField() {
    assertRejected(400, "malformed_request", "name", createWith("{\"name\": \"a\", \"name\": \"b\"}"));
    assertRejected(400, "malformed_request", "configuration.model",
        createWith("{\"name\": \"a\", \"configuration\": {\"model\": \"m\", \"model\": \"n\"}}"));
    assertRejected(400, "malformed_request", "name", createWith("{\"name\": \"\\ud800\"}"));
    assertRejected(400, "malformed_request", "configuration.tools[1]",
        createWith("{\"name\": \"a\", \"configuration\": {\"tools\": [\"ok\", \"\\udc00\"]}}"));
  }

  @Test
  void wrongTypesNameTheField() {
    assertRejected(400, "invalid_argument", "name", createWith("{\"name\": 42}"));
    assertRejected(400, "invalid_argument", "configuration", createWith("{\"name\": \"x\", \"configuration\": [1, 2]}"));
    assertRejected(400, "invalid_argument", "status", createWith("{\"name\": \"x\", \"status\": \"deleted\"}"));
    assertRejected(400, "invalid_argument", "industry", createWith("{\"name\": \"x\", \"industry\": {\"a\": 1}}"));
  }

  @Test
  void missingAndReadOnlyAndUnknownFieldsNameTheField() {
    assertRejected(400, "invalid_argument", "name", createWith("{\"industry\": \"retail\"}"));
    assertRejected(400, "invalid_argument", "name", createWith("{\"name\": \"\"}"));
    // A client may choose an agent's id (LegacyIdsHttpTest), but only a well-formed one.
    assertRejected(400, "invalid_argument", "id", createWith("{\"name\": \"x\", \"id\": \"not mine!\"}"));
    assertRejected(400, "invalid_argument", "created_at", createWith("{\"name\": \"x\", \"created_at\": \"2026-01-01T00:00:00Z\"}"));
    assertRejected(400, "invalid_argument", "organization_id", createWith("{\"name\": \"x\", \"organization_id\": \"other\"}"));
    assertRejected(400, "invalid_argument", "nmae", createWith("{\"nmae\": \"typo\"}"));
  }

  @Test
  void oversizeBodiesAre413WhetherOrNotTheLengthIsDeclared() {
    byte[] big = ("{\"name\": \"" + "x".repeat(HttpLimits.MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertRejected(413, "payload_too_large", null, createWith("application/json", big));
    ApiResponse chunked = org.sendBytes("POST", "CreateAgent", null, b -> b
        .header("Content-Type", "application/json")
        .method("POST", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
    assertRejected(413, "payload_too_large", null, chunked);
  }

  @Test
  void aTooLargeConfigurationIsRefusedByName() {
    String config = "{\"blob\": \"" + "y".repeat(70 * 1024) + "\"}";
    assertRejected(400, "invalid_argument", "configuration", createWith("{\"name\": \"x\", \"configuration\": " + config + "}"));
  }

  @Test
  void deeplyNestedJson() {
    String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
    assertRejected(400, "malformed_request", null, createWith("{\"name\": \"x\", \"configuration\": " + deep + "}"));
    String hostile = "[".repeat(100_000);
    assertRejected(400, "malformed_request", null, createWith(hostile));
  }

  @Test
  void invalidUtf8() {
    byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertRejected(400, "malformed_request", null, createWith("application/json", body));
  }

  @Test
  void hugeNumbersAreRefusedNotRounded() {
    assertRejected(400, "invalid_argument", "configuration.n", createWith("{\"name\": \"x\", \"configuration\": {\"n\": 1e400}}"));
    assertRejected(400, "invalid_argument", "configuration.n",
        createWith("{\"name\": \"x\", \"configuration\": {\"n\": 123456789012345678901234567890}}"));
    assertRejected(400, "invalid_argument", "configuration.list[1]",
        createWith("{\"name\": \"x\", \"configuration\": {\"list\": [1, 1e999999999]}}"));
  }

  @Test
  void emptyBody() {
    assertRejected(400, "malformed_request", null, createWith("application/json", new byte[0]));
  }

  @Test
  void wrongOrMissingContentType() {
    assertRejected(415, "unsupported_media_type", null, createWith("text/plain", "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8)));
    assertRejected(415, "unsupported_media_type", null, createWith(null, "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8)));
    assertRejected(415, "unsupported_media_type", null,
        createWith("application/json; charset=latin1", "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aQuotedUtf8CharsetIsAccepted() {
    ApiResponse created = createWith("application/json; charset=\"UTF-8\"", "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(201, created.status(), created.toString());
  }

  @Test
  void postFunctionsRefuseQueryParametersByName() {
    ApiResponse refused = org.post("CreateAgent?bogus=1", "{\"name\": \"x\"}");
    assertRejected(400, "invalid_argument", "bogus", refused);
  }

  @Test
  void theConnectionStaysUsableAfterRequestsRefusedBeforeTheirBodyIsRead() {
    byte[] big = new byte[HttpLimits.MAX_BODY_BYTES + 10];
    java.util.Arrays.fill(big, (byte) 'x');
    for (int i = 0; i < 30; i++) {
      assertEquals(401, org.as(null).post("CreateAgent", "{\"name\": \"unauthenticated\"}").status());
      assertEquals(405, org.send("PUT", "CreateAgent", "{\"name\": \"x\"}", Map.of("Content-Type", "application/json")).status());
      assertEquals(415, createWith("text/plain", "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8)).status());
      if (i % 10 == 0) {
        assertEquals(413, createWith("application/json", big).status());
      }
      assertEquals(200, org.get("ListAgents").status(), "request " + i + " after early rejections");
    }
  }

  @Test
  void badUpdatesLeaveTheAgentAsItWas() {
    JsonObject agent = org.post("CreateAgent", "{\"name\": \"Stable\"}").json();
    String id = agent.get("id").getAsString();
    String[] bad = {"{\"name\": 1}", "{\"name\": \"ok\", \"bogus\": true}", "{\"configuration\": {\"\": 1}}",
        "{\"configuration\": {\"__name__\": 1}}", "{\"status\": \"gone\"}", "{broken"};
    for (String body : bad) {
      ApiResponse refused = org.patch("UpdateAgent?agent_id=" + id, body, Map.of());
      assertEquals(400, refused.status(), body + " -> " + refused);
    }
    assertEquals(agent, org.get("GetAgent?agent_id=" + id).json());
  }
}
