package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.http.HttpLimits;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * functions/openapi.yaml against the functions themselves: real requests to the local dev server
 * (emulators behind it), each exchange checked by an OpenAPI validator built from the document on
 * the classpath. A success must conform both ways; for a deliberately wrong request, the answer
 * must conform and, where the document can express the rule, the validator must also refuse the
 * request, so the document and the code agree on what is invalid.
 */
class OpenApiConformanceTest {

  private static final String SPEC = resource("/openapi.yaml");

  /**
   * Every validator check is an error; unknown query parameters too (the functions that take
   * query parameters refuse unknown ones). Objects without an explicit additionalProperties are
   * closed by the validator, and the document closes every response object explicitly as well.
   */
  private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
      .createForInlineApiSpecification(SPEC)
      .withLevelResolver(LevelResolver.create()
          .withDefaultLevel(ValidationReport.Level.ERROR)
          .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
          .build())
      .build();

  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private static ApiClient admin;
  private static ApiClient acme;
  private static ApiClient other;
  private static ApiClient anonymous;
  /** Well-formed, never issued. */
  private static final String UNKNOWN_ID = "AAAAAAAAAAAAAAAAAAAA";

  @BeforeAll
  static void organizations() {
    admin = LocalStackFixture.admin();
    acme = LocalStackFixture.newOrganization("Acme conformance");
    other = LocalStackFixture.newOrganization("Other conformance");
    anonymous = admin.as(null);
  }

  // ---------------------------------------------------------------- the document and the catalog

  @Test
  void theDocumentIsValidOpenApi303() {
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(SPEC, null, null);
    assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(),
        () -> "openapi.yaml has problems: " + parsed.getMessages());
    assertEquals("3.0.3", parsed.getOpenAPI().getOpenapi());
  }

  @Test
  void everyCatalogHttpFunctionHasAPathAndEveryPathIsACatalogFunction() {
    Set<String> catalog = FunctionCatalog.load().http().stream()
        .map(entry -> "/" + entry.name())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> documented = new TreeSet<>(api().getPaths().keySet());
    assertEquals(catalog, documented);
  }

  @Test
  void eachPathHasOneOperationWhoseMethodIsTheOneTheFunctionAccepts() {
    for (Map.Entry<String, PathItem> path : api().getPaths().entrySet()) {
      Map<PathItem.HttpMethod, io.swagger.v3.oas.models.Operation> operations = path.getValue().readOperationsMap();
      assertEquals(1, operations.size(), () -> path.getKey() + " must have exactly one operation");
      String documented = operations.keySet().iterator().next().name();
      String function = path.getKey().substring(1);
      var security = operations.values().iterator().next().getSecurity();

      if (security != null && security.isEmpty()) {
        // A signed request (the processor's webhook): no credential, and without its signature a 400, not a 405.
        Exchange unsigned = send(anonymous, documented, function, Map.of(), bytes("{}"), Map.of("Content-Type", "application/json"));
        assertResponseConforms(unsigned, 400, documented, "validation.request.parameter.header.missing");
      } else {
        // The documented method reaches the function: without a credential it is a 401, not a 405.
        Exchange accepted = send(anonymous, documented, function, Map.of(), null, Map.of());
        assertResponseConforms(accepted, 401, documented, "validation.request.security.missing");
      }

      for (String method : METHODS) {
        if (method.equals(documented)) {
          continue;
        }
        byte[] body = method.equals("GET") || method.equals("DELETE") ? null : bytes("{}");
        Map<String, String> headers = body == null ? Map.of() : Map.of("Content-Type", "application/json");
        Exchange refused = send(acme, method, function, Map.of(), body, headers);
        assertResponseConforms(refused, 405, documented, "validation.request.operation.notAllowed");
        assertEquals("method_not_allowed", refused.response().errorCode());
        assertEquals(documented, refused.response().header("Allow").orElse(null),
            () -> function + " must name its method in Allow");
      }
    }
  }

  @Test
  void theDevServerServesThisDocument() {
    ApiResponse served = anonymous.get("openapi.yaml");
    assertEquals(200, served.status());
    assertEquals(SPEC, served.body());
  }

  /** The checks below are only worth something if the validator notices a drift; prove it does. */
  @Test
  void theValidatorFlagsAnswersThatDriftFromTheDocument() {
    String agentId = newAgent(acme, "drift", "retail");
    Exchange real = get(acme, "GetAgent", Map.of("agent_id", agentId));
    assertConforms(real, 200);

    assertResponseRefused(real, 200, real.response().body().replace("\"industry\":", "\"sector\":"),
        real.responseHeaders(), "a renamed field");
    JsonObject missing = real.response().json();
    missing.remove("updated_at");
    assertResponseRefused(real, 200, missing.toString(), real.responseHeaders(), "a missing field");
    JsonObject extra = real.response().json();
    extra.addProperty("deleted", false);
    assertResponseRefused(real, 200, extra.toString(), real.responseHeaders(), "an extra field");
    JsonObject wrongType = real.response().json();
    wrongType.addProperty("status", "archived");
    assertResponseRefused(real, 200, wrongType.toString(), real.responseHeaders(), "a status outside the enum");
    Map<String, List<String>> noETag = new LinkedHashMap<>(real.responseHeaders());
    noETag.keySet().removeIf(name -> name.equalsIgnoreCase("ETag"));
    assertResponseRefused(real, 200, real.response().body(), noETag, "a missing ETag header");
    assertResponseRefused(real, 418, real.response().body(), real.responseHeaders(), "an undocumented status");

    Exchange notFound = get(acme, "GetAgent", Map.of("agent_id", UNKNOWN_ID));
    assertConforms(notFound, 404);
    assertResponseRefused(notFound, 404, notFound.response().body().replace("not_found", "missing"),
        notFound.responseHeaders(), "an error code that does not belong to the status");
    assertResponseRefused(notFound, 400, notFound.response().body(), notFound.responseHeaders(),
        "a not_found body under 400");
  }

  // ------------------------------------------------------------------------ CreateOrganization

  @Test
  void createOrganization() {
    Exchange created = post(admin, "CreateOrganization", "{\"name\": \"Conformance Org\"}");
    assertConforms(created, 201);
    assertEquals("Conformance Org", created.response().json().getAsJsonObject("organization").get("name").getAsString());

    assertResponseConforms(post(anonymous, "CreateOrganization", "{\"name\": \"x\"}"), 401, "POST",
        "validation.request.security.missing");
    // An organization's API key is not the platform-admin credential.
    assertConforms(post(acme, "CreateOrganization", "{\"name\": \"x\"}"), 401);
    assertResponseConforms(post(admin, "CreateOrganization", "{\"name\": \"x\", \"plan\": \"pro\"}"), 400, "POST",
        "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(admin, "CreateOrganization", "{}"), 400, "POST",
        "validation.request.body.schema.required");
    assertResponseConforms(post(admin, "CreateOrganization", "{\"name\": 7}"), 400, "POST",
        "validation.request.body.schema.type");
    assertConforms(post(admin, "CreateOrganization", "{\"name\": \"   \"}"), 400);
    assertResponseConforms(post(admin, "CreateOrganization", "{\"name\": \"x\""), 400, "POST");
    assertResponseConforms(send(admin, "POST", "CreateOrganization", Map.of(), bytes("name=x"),
        Map.of("Content-Type", "text/plain")), 415, "POST", "validation.request.contentType.notAllowed");
    assertResponseConforms(oversize(admin, "CreateOrganization"), 413, "POST");
    assertResponseConforms(send(admin, "GET", "CreateOrganization", Map.of(), null, Map.of()), 405, "POST",
        "validation.request.operation.notAllowed");
  }

  // ------------------------------------------------------------------------------ CreateApiKey

  @Test
  void createApiKey() {
    Exchange created = post(acme, "CreateApiKey", "{\"name\": \"ci\"}");
    assertConforms(created, 201);
    String secret = created.response().json().get("key").getAsString();
    assertConforms(get(acme.as(secret), "ListApiKeys", Map.of()), 200);

    assertResponseConforms(post(anonymous, "CreateApiKey", "{\"name\": \"ci\"}"), 401, "POST",
        "validation.request.security.missing");
    assertConforms(post(acme.as("ahk_" + "A".repeat(43)), "CreateApiKey", "{\"name\": \"ci\"}"), 401);
    assertResponseConforms(post(acme, "CreateApiKey", "{\"name\": \"ci\", \"expires_at\": 1}"), 400, "POST",
        "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(acme, "CreateApiKey", "{\"name\": \"ci\", \"scopes\": []}"), 400, "POST",
        "validation.request.body.schema.minItems");
    assertResponseConforms(post(acme, "CreateApiKey", "{\"name\": \"ci\", \"scopes\": [\"root\"]}"), 400, "POST",
        "validation.request.body.schema.enum");
    Exchange scoped = post(acme, "CreateApiKey", "{\"name\": \"browser\", \"scopes\": [\"analytics:write\"]}");
    assertConforms(scoped, 201);
    ApiClient browser = acme.as(scoped.response().json().get("key").getAsString());
    assertConforms(post(browser, "CreateApiKey", "{\"name\": \"more\"}"), 403);
    assertConforms(get(browser, "ListAgents", Map.of()), 403);
    assertConforms(post(browser, "CreateAgent", "{\"name\": \"x\"}"), 403);
    assertResponseConforms(post(acme, "CreateApiKey", "{}"), 400, "POST", "validation.request.body.schema.required");
    assertResponseConforms(post(acme, "CreateApiKey", "[]"), 400, "POST");
    assertResponseConforms(send(acme, "POST", "CreateApiKey", Map.of(), bytes("{\"name\": \"ci\"}"),
        Map.of("Content-Type", "application/json; charset=iso-8859-1")), 415, "POST");
    assertResponseConforms(oversize(acme, "CreateApiKey"), 413, "POST");
  }

  // ------------------------------------------------------------------------------- ListApiKeys

  @Test
  void listApiKeys() {
    ApiClient org = LocalStackFixture.newOrganization("Keys conformance");
    post(org, "CreateApiKey", "{\"name\": \"second\"}");
    post(org, "CreateApiKey", "{\"name\": \"third\"}");

    Exchange all = get(org, "ListApiKeys", Map.of());
    assertConforms(all, 200);
    assertEquals(3, all.response().json().getAsJsonArray("api_keys").size());
    Exchange first = get(org, "ListApiKeys", Map.of("page_size", "2"));
    assertConforms(first, 200);
    String token = first.response().json().get("next_page_token").getAsString();
    Exchange last = get(org, "ListApiKeys", Map.of("page_size", "2", "page_token", token));
    assertConforms(last, 200);
    assertTrue(last.response().json().get("next_page_token").isJsonNull());
    assertConforms(get(org, "ListApiKeys", Map.of("page_size", "100")), 200);

    assertResponseConforms(get(anonymous, "ListApiKeys", Map.of()), 401, "GET", "validation.request.security.missing");
    assertResponseConforms(get(org, "ListApiKeys", Map.of("page_size", "101")), 400, "GET",
        "validation.request.parameter.schema.maximum");
    assertResponseConforms(get(org, "ListApiKeys", Map.of("page_size", "0")), 400, "GET",
        "validation.request.parameter.schema.minimum");
    assertResponseConforms(get(org, "ListApiKeys", Map.of("page_size", "ten")), 400, "GET",
        "validation.request.parameter.schema.type");
    assertResponseConforms(get(org, "ListApiKeys", Map.of("limit", "5")), 400, "GET",
        "validation.request.parameter.query.unexpected");
    assertConforms(get(org, "ListApiKeys", Map.of("page_token", "not-a-token")), 400);
    assertResponseConforms(send(org, "POST", "ListApiKeys", Map.of(), bytes("{}"),
        Map.of("Content-Type", "application/json")), 405, "GET", "validation.request.operation.notAllowed");
  }

  // ------------------------------------------------------------------------------ RevokeApiKey

  @Test
  void revokeApiKey() {
    ApiClient org = LocalStackFixture.newOrganization("Revoke conformance");
    JsonObject issued = post(org, "CreateApiKey", "{\"name\": \"to revoke\"}").response().json();
    String keyId = issued.get("id").getAsString();

    Exchange revoked = post(org, "RevokeApiKey", "{\"key_id\": \"" + keyId + "\"}");
    assertConforms(revoked, 200);
    assertFalse(revoked.response().json().get("revoked_at").isJsonNull());
    Exchange again = post(org, "RevokeApiKey", "{\"key_id\": \"" + keyId + "\"}");
    assertConforms(again, 200);
    assertEquals(revoked.response().json().get("revoked_at"), again.response().json().get("revoked_at"));
    // The revoked key no longer authenticates.
    assertConforms(get(org.as(issued.get("key").getAsString()), "ListApiKeys", Map.of()), 401);

    // Another organization's key is not found, exactly like a key that never existed.
    Exchange foreign = post(other, "RevokeApiKey", "{\"key_id\": \"" + keyId + "\"}");
    assertConforms(foreign, 404);
    Exchange missing = post(other, "RevokeApiKey", "{\"key_id\": \"" + UNKNOWN_ID + "\"}");
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    assertResponseConforms(post(org, "RevokeApiKey", "{\"key_id\": \"nope\"}"), 400, "POST",
        "validation.request.body.schema.pattern");
    assertResponseConforms(post(org, "RevokeApiKey", "{\"id\": \"" + keyId + "\"}"), 400, "POST",
        "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(anonymous, "RevokeApiKey", "{\"key_id\": \"" + keyId + "\"}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(send(org, "POST", "RevokeApiKey", Map.of(), null, Map.of()), 415, "POST",
        "validation.request.body.missing");
    assertResponseConforms(oversize(org, "RevokeApiKey"), 413, "POST");
  }

  // ------------------------------------------------------------------------------- CreateAgent

  @Test
  void createAgent() {
    Exchange full = post(acme, "CreateAgent", "{\"name\": \"Support bot\", \"industry\": \"retail\", "
        + "\"configuration\": {\"model\": \"m1\", \"temperature\": 0.2, \"tools\": [\"search\", {\"n\": 1}]}, "
        + "\"status\": \"paused\"}");
    assertConforms(full, 201);
    assertEquals(full.response().json().get("etag").getAsString(), full.response().header("ETag").orElseThrow());
    Exchange minimal = post(acme, "CreateAgent", "{\"name\": \"Minimal\", \"industry\": null}");
    assertConforms(minimal, 201);
    assertTrue(minimal.response().json().get("industry").isJsonNull());
    assertEquals("active", minimal.response().json().get("status").getAsString());

    assertResponseConforms(post(anonymous, "CreateAgent", "{\"name\": \"x\"}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(post(acme, "CreateAgent", "{\"name\": \"x\", \"organization_id\": \"" + UNKNOWN_ID + "\"}"),
        400, "POST", "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(acme, "CreateAgent", "{\"name\": \"x\", \"status\": \"deleted\"}"), 400, "POST",
        "validation.request.body.schema.enum");
    assertResponseConforms(post(acme, "CreateAgent", "{\"name\": \"x\", \"configuration\": []}"), 400, "POST",
        "validation.request.body.schema.type");
    assertResponseConforms(post(acme, "CreateAgent", "{\"industry\": \"retail\"}"), 400, "POST",
        "validation.request.body.schema.required");
    assertResponseConforms(send(acme, "POST", "CreateAgent", Map.of(), bytes("{\"name\": \"x\"}"),
        Map.of("Content-Type", "text/plain")), 415, "POST", "validation.request.contentType.notAllowed");
    assertResponseConforms(oversize(acme, "CreateAgent"), 413, "POST");
  }

  @Test
  void createAgents() {
    ApiClient org = LocalStackFixture.newOrganization("CreateAgents conformance");
    assertConforms(post(org, "CreateAgent", "{\"id\": \"taken\", \"name\": \"Taken\"}"), 201);
    Exchange mixed = post(org, "CreateAgents", "{\"agents\": [{\"id\": \"legacy-1\", \"name\": \"Legacy\", "
        + "\"counters\": {\"messages\": 3}}, {\"name\": \"Ours\", \"industry\": null}, {\"id\": \"taken\", \"name\": \"Taken\"}, "
        + "{\"id\": \"taken\", \"name\": \"Other\"}]}");
    assertEquals(400, mixed.response().status(), "the same id twice in one batch");
    Exchange answered = post(org, "CreateAgents", "{\"agents\": [{\"id\": \"legacy-1\", \"name\": \"Legacy\", "
        + "\"counters\": {\"messages\": 3}}, {\"name\": \"Ours\", \"industry\": null}, {\"id\": \"taken\", \"name\": \"Taken\"}, "
        + "{\"id\": \"taken-2\", \"name\": \"Other\"}]}");
    assertConforms(answered, 200);
    post(org, "CreateAgent", "{\"id\": \"clash\", \"name\": \"Clash\"}");
    Exchange conflict = post(org, "CreateAgents", "{\"agents\": [{\"id\": \"clash\", \"name\": \"Not the same\"}]}");
    assertConforms(conflict, 200);
    assertEquals("agents[0].id", conflict.response().json().getAsJsonArray("agents").get(0).getAsJsonObject()
        .getAsJsonObject("error").get("field").getAsString());

    assertResponseConforms(post(anonymous, "CreateAgents", "{\"agents\": [{\"name\": \"x\"}]}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(post(org, "CreateAgents", "{\"agents\": []}"), 400, "POST", "validation.request.body.schema.minItems");
    assertResponseConforms(post(org, "CreateAgents", "{\"agents\": [{\"name\": \"x\"}, {\"industry\": \"retail\"}]}"), 400, "POST",
        "validation.request.body.schema.required");
    assertResponseConforms(post(org, "CreateAgents", "{\"agents\": [{\"name\": \"x\", \"organization_id\": \"o\"}]}"), 400,
        "POST", "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(org, "CreateAgents", "{\"agents\": [" + "{\"name\": \"x\"}, ".repeat(100) + "{\"name\": \"x\"}]}"),
        400, "POST", "validation.request.body.schema.maxItems");
    StringBuilder overLimit = new StringBuilder("{\"agents\": [");
    for (int i = 0; i < 30; i++) {
      overLimit.append(i == 0 ? "" : ", ").append("{\"name\": \"a").append(i).append("\"}");
    }
    assertConforms(post(org, "CreateAgents", overLimit.append("]}").toString()), 429);
    assertResponseConforms(oversize(org, "CreateAgents"), 413, "POST");
  }

  @Test
  void importPaymentIntents() {
    ApiClient org = LocalStackFixture.newOrganization("ImportPaymentIntents conformance");
    String paid = "{\"legacy_id\": \"pi-1\", \"amount\": 500, \"currency\": \"usd\", \"status\": \"succeeded\", "
        + "\"amount_received\": 500, \"created_at\": \"2026-10-01T09:00:00Z\", \"transactions\": [{\"legacy_id\": \"t-1\", "
        + "\"kind\": \"payment\", \"amount\": 500, \"currency\": \"usd\", \"created_at\": \"2026-10-01T09:00:01Z\"}]}";
    assertConforms(post(org, "ImportPaymentIntents", "{\"intents\": [" + paid + "]}"), 200);
    Exchange again = post(org, "ImportPaymentIntents", "{\"intents\": [" + paid + ", " + paid.replace("pi-1", "pi-2").replace("t-1", "t-2")
        + ", " + paid.replace("500", "600") + "]}");
    assertEquals(400, again.response().status(), "pi-1 twice");
    Exchange mixed = post(org, "ImportPaymentIntents", "{\"intents\": [" + paid + ", " + paid.replace("pi-1", "pi-2").replace("t-1", "t-2")
        + "]}");
    assertConforms(mixed, 200);
    Exchange conflict = post(org, "ImportPaymentIntents", "{\"intents\": [" + paid.replace("500", "600") + "]}");
    assertConforms(conflict, 200);
    assertEquals("error", conflict.response().json().getAsJsonArray("intents").get(0).getAsJsonObject().get("result").getAsString());
    assertResponseConforms(post(org, "ImportPaymentIntents", "{\"intents\": []}"), 400, "POST", "validation.request.body.schema.minItems");
    assertResponseConforms(post(anonymous, "ImportPaymentIntents", "{\"intents\": [" + paid + "]}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(oversize(org, "ImportPaymentIntents"), 413, "POST");
  }

  @Test
  void createAgentLimits() {
    // configuration: at most 64 KiB as compact JSON; {"blob":"…"} has 11 bytes around the value.
    int limit = 64 * 1024;
    assertConforms(post(acme, "CreateAgent", "{\"name\": \"at limit\", \"configuration\": {\"blob\": \""
        + "x".repeat(limit - 11) + "\"}}"), 201);
    Exchange tooBig = post(acme, "CreateAgent", "{\"name\": \"over limit\", \"configuration\": {\"blob\": \""
        + "x".repeat(limit - 10) + "\"}}");
    assertConforms(tooBig, 400);
    assertEquals("configuration", tooBig.response().errorField());

    // JSON nesting: at most 16 levels, the body object being level 1 and configuration level 2.
    assertConforms(post(acme, "CreateAgent", nestedAgent(HttpLimits.MAX_JSON_DEPTH)), 201);
    Exchange tooDeep = post(acme, "CreateAgent", nestedAgent(HttpLimits.MAX_JSON_DEPTH + 1));
    assertConforms(tooDeep, 400);
    assertEquals("malformed_request", tooDeep.response().errorCode());

    // The body itself: 1 MiB at most.
    Exchange oversize = oversize(acme, "CreateAgent");
    assertResponseConforms(oversize, 413, "POST");
    assertEquals("payload_too_large", oversize.response().errorCode());
  }

  // ---------------------------------------------------------------------------------- GetAgent

  @Test
  void getAgent() {
    String agentId = newAgent(acme, "Readable", "health");
    Exchange read = get(acme, "GetAgent", Map.of("agent_id", agentId));
    assertConforms(read, 200);
    assertEquals(read.response().json().get("etag").getAsString(), read.response().header("ETag").orElseThrow());

    Exchange foreign = get(other, "GetAgent", Map.of("agent_id", agentId));
    assertConforms(foreign, 404);
    Exchange missing = get(other, "GetAgent", Map.of("agent_id", UNKNOWN_ID));
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    assertResponseConforms(get(anonymous, "GetAgent", Map.of("agent_id", agentId)), 401, "GET",
        "validation.request.security.missing");
    assertResponseConforms(get(acme, "GetAgent", Map.of()), 400, "GET", "validation.request.parameter.query.missing");
    assertResponseConforms(get(acme, "GetAgent", Map.of("agent_id", "../x")), 400, "GET",
        "validation.request.parameter.schema.pattern");
    assertResponseConforms(get(acme, "GetAgent", Map.of("agent_id", agentId, "fields", "name")), 400, "GET",
        "validation.request.parameter.query.unexpected");
    assertResponseConforms(send(acme, "DELETE", "GetAgent", Map.of("agent_id", agentId), null, Map.of()), 405, "GET",
        "validation.request.operation.notAllowed");
  }

  // -------------------------------------------------------------------------------- ListAgents

  @Test
  void listAgents() {
    ApiClient org = LocalStackFixture.newOrganization("List conformance");
    String industry = "industry-" + UUID.randomUUID();
    newAgent(org, "one", industry);
    newAgent(org, "two", industry);
    newAgent(org, "three", industry);
    newAgent(org, "elsewhere", "other-industry");

    Exchange all = get(org, "ListAgents", Map.of());
    assertConforms(all, 200);
    assertEquals(4, all.response().json().getAsJsonArray("agents").size());
    Exchange first = get(org, "ListAgents", Map.of("industry", industry, "status", "active", "page_size", "2"));
    assertConforms(first, 200);
    assertEquals(2, first.response().json().getAsJsonArray("agents").size());
    String token = first.response().json().get("next_page_token").getAsString();
    Exchange last = get(org, "ListAgents", Map.of("industry", industry, "status", "active", "page_size", "2",
        "page_token", token));
    assertConforms(last, 200);
    assertEquals(1, last.response().json().getAsJsonArray("agents").size());
    assertTrue(last.response().json().get("next_page_token").isJsonNull());
    assertConforms(get(org, "ListAgents", Map.of("status", "paused")), 200);

    // A token only works with the filters it was issued for.
    assertConforms(get(org, "ListAgents", Map.of("status", "inactive", "page_token", token)), 400);
    assertResponseConforms(get(org, "ListAgents", Map.of("status", "deleted")), 400, "GET",
        "validation.request.parameter.schema.enum");
    assertResponseConforms(get(org, "ListAgents", Map.of("page_size", "1000")), 400, "GET",
        "validation.request.parameter.schema.maximum");
    assertResponseConforms(get(org, "ListAgents", Map.of("name", "one")), 400, "GET",
        "validation.request.parameter.query.unexpected");
    assertResponseConforms(get(anonymous, "ListAgents", Map.of()), 401, "GET", "validation.request.security.missing");
    assertResponseConforms(send(org, "POST", "ListAgents", Map.of(), bytes("{}"),
        Map.of("Content-Type", "application/json")), 405, "GET", "validation.request.operation.notAllowed");
  }

  // ------------------------------------------------------------------------------- UpdateAgent

  @Test
  void updateAgent() {
    String agentId = newAgent(acme, "Updatable", "finance");
    String created = get(acme, "GetAgent", Map.of("agent_id", agentId)).response().header("ETag").orElseThrow();

    Exchange conditional = patch(acme, agentId, "{\"status\": \"inactive\", \"industry\": \"banking\"}",
        Map.of("If-Match", created));
    assertConforms(conditional, 200);
    String current = conditional.response().header("ETag").orElseThrow();
    assertNotEquals(created, current);
    Exchange unconditional = patch(acme, agentId, "{\"configuration\": {\"tone\": \"formal\"}}", Map.of());
    assertConforms(unconditional, 200);
    current = unconditional.response().header("ETag").orElseThrow();
    assertConforms(patch(acme, agentId, "{\"name\": \"Renamed\"}", Map.of("If-Match", "*")), 200);

    Exchange stale = patch(acme, agentId, "{\"name\": \"Lost update\"}", Map.of("If-Match", current));
    assertConforms(stale, 412);
    assertEquals("precondition_failed", stale.response().errorCode());
    assertEquals("Renamed", get(acme, "GetAgent", Map.of("agent_id", agentId)).response().json().get("name").getAsString());

    Exchange empty = patch(acme, agentId, "{}", Map.of());
    assertResponseConforms(empty, 422, "PATCH", "validation.request.body.schema.minProperties");
    assertConforms(patch(acme, agentId, "{\"industry\": null}", Map.of()), 422);

    Exchange foreign = patch(other, agentId, "{\"name\": \"Hijacked\"}", Map.of());
    assertConforms(foreign, 404);
    Exchange missing = patch(other, UNKNOWN_ID, "{\"name\": \"Hijacked\"}", Map.of());
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    assertResponseConforms(patch(acme, agentId, "{\"id\": \"" + UNKNOWN_ID + "\"}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.additionalProperties");
    Exchange weak = patch(acme, agentId, "{\"name\": \"x\"}", Map.of("If-Match", "W/" + current));
    assertConforms(weak, 400);
    assertEquals("If-Match", weak.response().errorField());
    assertResponseConforms(patch(anonymous, agentId, "{\"name\": \"x\"}", Map.of()), 401, "PATCH",
        "validation.request.security.missing");
    assertResponseConforms(send(acme, "PATCH", "UpdateAgent", Map.of("agent_id", agentId), bytes("{\"name\": \"x\"}"),
        Map.of("Content-Type", "application/merge-patch+json")), 415, "PATCH", "validation.request.contentType.notAllowed");
    assertResponseConforms(send(acme, "PATCH", "UpdateAgent", Map.of("agent_id", agentId), oversizeBody(),
        Map.of("Content-Type", "application/json")), 413, "PATCH");
    assertResponseConforms(send(acme, "PUT", "UpdateAgent", Map.of("agent_id", agentId), bytes("{\"name\": \"x\"}"),
        Map.of("Content-Type", "application/json")), 405, "PATCH", "validation.request.operation.notAllowed");
  }

  // ------------------------------------------------------------------------------- DeleteAgent

  @Test
  void deleteAgent() {
    String agentId = newAgent(acme, "Deletable", null);
    String created = get(acme, "GetAgent", Map.of("agent_id", agentId)).response().header("ETag").orElseThrow();
    String current = patch(acme, agentId, "{\"status\": \"paused\"}", Map.of()).response().header("ETag").orElseThrow();

    assertConforms(delete(acme, agentId, Map.of("If-Match", created)), 412);
    Exchange foreign = delete(other, agentId, Map.of());
    assertConforms(foreign, 404);
    Exchange missingElsewhere = delete(other, UNKNOWN_ID, Map.of());
    assertConforms(missingElsewhere, 404);
    assertEquals(missingElsewhere.response().json(), foreign.response().json());
    assertResponseConforms(delete(anonymous, agentId, Map.of()), 401, "DELETE", "validation.request.security.missing");
    assertResponseConforms(send(acme, "DELETE", "DeleteAgent", Map.of(), null, Map.of()), 400, "DELETE",
        "validation.request.parameter.query.missing");
    assertConforms(delete(acme, agentId, Map.of("If-Match", "\"yesterday\"")), 400);

    Exchange deleted = delete(acme, agentId, Map.of("If-Match", current));
    assertConforms(deleted, 204);
    assertEquals("", deleted.response().body());
    assertConforms(get(acme, "GetAgent", Map.of("agent_id", agentId)), 404);
    assertConforms(delete(acme, agentId, Map.of()), 404);

    String unconditional = newAgent(acme, "Deletable too", "retail");
    assertConforms(delete(acme, unconditional, Map.of()), 204);
    assertResponseConforms(send(acme, "POST", "DeleteAgent", Map.of("agent_id", unconditional), bytes("{}"),
        Map.of("Content-Type", "application/json")), 405, "DELETE", "validation.request.operation.notAllowed");
  }

  // --------------------------------------------------------------------- IncrementAgentCounter

  @Test
  void incrementAgentCounter() {
    String agentId = newAgent(acme, "Counted", "retail");
    Exchange first = post(acme, "IncrementAgentCounter",
        "{\"agent_id\": \"" + agentId + "\", \"counter\": \"messages\", \"delta\": 5}");
    assertConforms(first, 200);
    assertEquals(5, first.response().json().get("value").getAsLong());
    Exchange byDefault = post(acme, "IncrementAgentCounter", "{\"agent_id\": \"" + agentId + "\", \"counter\": \"messages\"}");
    assertConforms(byDefault, 200);
    assertEquals(6, byDefault.response().json().get("value").getAsLong());

    Exchange foreign = post(other, "IncrementAgentCounter", "{\"agent_id\": \"" + agentId + "\", \"counter\": \"messages\"}");
    assertConforms(foreign, 404);
    Exchange missing = post(other, "IncrementAgentCounter", "{\"agent_id\": \"" + UNKNOWN_ID + "\", \"counter\": \"messages\"}");
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    assertResponseConforms(post(acme, "IncrementAgentCounter",
        "{\"agent_id\": \"" + agentId + "\", \"counter\": \"Messages-Sent\"}"), 400, "POST",
        "validation.request.body.schema.pattern");
    assertResponseConforms(post(acme, "IncrementAgentCounter",
        "{\"agent_id\": \"" + agentId + "\", \"counter\": \"messages\", \"delta\": 0}"), 400, "POST",
        "validation.request.body.schema.minimum");
    assertResponseConforms(post(acme, "IncrementAgentCounter",
        "{\"agent_id\": \"" + agentId + "\", \"counter\": \"messages\", \"delta\": 1000000001}"), 400, "POST",
        "validation.request.body.schema.maximum");
    assertResponseConforms(post(acme, "IncrementAgentCounter", "{\"counter\": \"messages\"}"), 400, "POST",
        "validation.request.body.schema.required");
    assertResponseConforms(post(acme, "IncrementAgentCounter",
        "{\"agent_id\": \"" + agentId + "\", \"counter\": \"messages\", \"by\": 2}"), 400, "POST",
        "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(anonymous, "IncrementAgentCounter",
        "{\"agent_id\": \"" + agentId + "\", \"counter\": \"messages\"}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(send(acme, "POST", "IncrementAgentCounter", Map.of(),
        bytes("{\"agent_id\": \"" + agentId + "\", \"counter\": \"messages\"}"), Map.of()), 415, "POST");
    assertResponseConforms(oversize(acme, "IncrementAgentCounter"), 413, "POST");
  }

  // -------------------------------------------------------------------------- GetAgentCounters

  @Test
  void getAgentCounters() {
    String agentId = newAgent(acme, "Counters", "retail");
    Exchange none = get(acme, "GetAgentCounters", Map.of("agent_id", agentId));
    assertConforms(none, 200);
    assertEquals(0, none.response().json().getAsJsonObject("counters").size());

    post(acme, "IncrementAgentCounter", "{\"agent_id\": \"" + agentId + "\", \"counter\": \"messages\", \"delta\": 3}");
    post(acme, "IncrementAgentCounter", "{\"agent_id\": \"" + agentId + "\", \"counter\": \"tokens\", \"delta\": 1200}");
    Exchange some = get(acme, "GetAgentCounters", Map.of("agent_id", agentId));
    assertConforms(some, 200);
    assertEquals(3, some.response().json().getAsJsonObject("counters").get("messages").getAsLong());
    assertEquals(1200, some.response().json().getAsJsonObject("counters").get("tokens").getAsLong());

    Exchange foreign = get(other, "GetAgentCounters", Map.of("agent_id", agentId));
    assertConforms(foreign, 404);
    Exchange missing = get(other, "GetAgentCounters", Map.of("agent_id", UNKNOWN_ID));
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    assertResponseConforms(get(acme, "GetAgentCounters", Map.of("agent_id", "-short")), 400, "GET",
        "validation.request.parameter.schema.pattern");
    assertResponseConforms(get(acme, "GetAgentCounters", Map.of()), 400, "GET",
        "validation.request.parameter.query.missing");
    assertResponseConforms(get(anonymous, "GetAgentCounters", Map.of("agent_id", agentId)), 401, "GET",
        "validation.request.security.missing");
    assertResponseConforms(send(acme, "POST", "GetAgentCounters", Map.of("agent_id", agentId), bytes("{}"),
        Map.of("Content-Type", "application/json")), 405, "GET", "validation.request.operation.notAllowed");
  }

  // ------------------------------------------------------------------------ CreateConversation

  @Test
  void createConversation() {
    String agentId = newAgent(acme, "Talker", "retail");
    String id = "conv-" + UUID.randomUUID();
    String full = "{\"id\": \"" + id + "\", \"agent_id\": \"" + agentId + "\", \"user_id\": \"user-1\", "
        + "\"title\": \"Order 42\", \"metadata\": {\"channel\": \"web\", \"turn\": 1, \"tags\": [\"a\", {\"b\": true}]}}";
    Exchange created = post(acme, "CreateConversation", full);
    assertConforms(created, 201);
    JsonObject conversation = created.response().json();
    assertEquals(id, conversation.get("id").getAsString());
    assertEquals("open", conversation.get("status").getAsString());
    assertEquals(0, conversation.get("last_sequence").getAsLong());
    assertTrue(conversation.get("last_message_at").isJsonNull());
    assertEquals(conversation.get("etag").getAsString(), created.response().header("ETag").orElseThrow());
    assertEquals(conversation, get(acme, "GetConversation", Map.of("conversation_id", id)).response().json());

    // The same client-chosen id with the same fields is the same conversation again; with others, a conflict.
    Exchange again = post(acme, "CreateConversation", full);
    assertConforms(again, 200);
    assertEquals(conversation, again.response().json());
    Exchange differs = post(acme, "CreateConversation", full.replace("Order 42", "Order 43"));
    assertConforms(differs, 409);
    assertEquals("id", differs.response().errorField());

    Exchange minimal = post(acme, "CreateConversation", "{\"agent_id\": \"" + agentId + "\", \"user_id\": null, \"id\": null}");
    assertConforms(minimal, 201);
    assertTrue(minimal.response().json().get("id").getAsString().matches("[A-Za-z0-9]{20}"));
    assertEquals(0, minimal.response().json().getAsJsonObject("metadata").size());
    assertTrue(minimal.response().json().get("user_id").isJsonNull());

    // Another organization's agent is not found, exactly like an agent that never existed.
    Exchange foreign = post(other, "CreateConversation", "{\"agent_id\": \"" + agentId + "\"}");
    assertConforms(foreign, 404);
    Exchange missing = post(other, "CreateConversation", "{\"agent_id\": \"" + UNKNOWN_ID + "\"}");
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    String agent = "\"agent_id\": \"" + agentId + "\"";
    assertResponseConforms(post(anonymous, "CreateConversation", "{" + agent + "}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(post(acme, "CreateConversation", "{" + agent + ", \"status\": \"open\"}"), 400, "POST",
        "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(acme, "CreateConversation", "{\"title\": \"no agent\"}"), 400, "POST",
        "validation.request.body.schema.required");
    assertResponseConforms(post(acme, "CreateConversation", "{\"agent_id\": \"not an id!\"}"), 400, "POST",
        "validation.request.body.schema.pattern");
    assertResponseConforms(post(acme, "CreateConversation", "{" + agent + ", \"id\": \"-leading-dash\"}"), 400, "POST",
        "validation.request.body.schema.pattern");
    assertResponseConforms(post(acme, "CreateConversation", "{" + agent + ", \"id\": \"" + "x".repeat(65) + "\"}"), 400,
        "POST", "validation.request.body.schema.pattern");
    assertConforms(post(acme, "CreateConversation", "{" + agent + ", \"id\": \"" + "x".repeat(64) + "\"}"), 201);
    assertResponseConforms(post(acme, "CreateConversation", "{" + agent + ", \"title\": \"   \"}"), 400, "POST",
        "validation.request.body.schema.pattern");
    assertResponseConforms(post(acme, "CreateConversation", "{" + agent + ", \"title\": \"" + "t".repeat(201) + "\"}"),
        400, "POST", "validation.request.body.schema.maxLength");
    assertConforms(post(acme, "CreateConversation", "{" + agent + ", \"title\": \"" + "t".repeat(200) + "\"}"), 201);
    assertResponseConforms(post(acme, "CreateConversation", "{" + agent + ", \"user_id\": \"" + "u".repeat(129) + "\"}"),
        400, "POST", "validation.request.body.schema.maxLength");
    assertConforms(post(acme, "CreateConversation", "{" + agent + ", \"user_id\": \"" + "u".repeat(128) + "\"}"), 201);
    assertResponseConforms(post(acme, "CreateConversation", "{" + agent + ", \"metadata\": [1]}"), 400, "POST",
        "validation.request.body.schema.type");
    // metadata: at most 16 KiB as compact JSON; {"blob":"…"} has 11 bytes around the value.
    assertConforms(post(acme, "CreateConversation", "{" + agent + ", \"metadata\": {\"blob\": \""
        + "x".repeat(16_384 - 11) + "\"}}"), 201);
    Exchange bigMetadata = post(acme, "CreateConversation", "{" + agent + ", \"metadata\": {\"blob\": \""
        + "x".repeat(16_384 - 10) + "\"}}");
    assertConforms(bigMetadata, 400);
    assertEquals("metadata", bigMetadata.response().errorField());
    assertResponseConforms(send(acme, "POST", "CreateConversation", Map.of(), bytes("{" + agent + "}"),
        Map.of("Content-Type", "text/plain")), 415, "POST", "validation.request.contentType.notAllowed");
    assertResponseConforms(oversize(acme, "CreateConversation"), 413, "POST");
    assertResponseConforms(send(acme, "GET", "CreateConversation", Map.of(), null, Map.of()), 405, "POST",
        "validation.request.operation.notAllowed");
  }

  @Test
  void createConversationWithAnIdempotencyKey() {
    String agentId = newAgent(acme, "Retried", "retail");
    Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString());
    byte[] body = bytes("{\"agent_id\": \"" + agentId + "\", \"title\": \"retried\"}");
    Exchange first = send(acme, "POST", "CreateConversation", Map.of(), body, headers);
    assertConforms(first, 201);
    Exchange replayed = send(acme, "POST", "CreateConversation", Map.of(), body, headers);
    assertConforms(replayed, 201);
    assertEquals("true", replayed.response().header("Idempotent-Replayed").orElse(null));
    assertEquals(first.response().json(), replayed.response().json());
    assertEquals(first.response().header("ETag"), replayed.response().header("ETag"), "a replay carries the ETag again");
    assertConforms(send(acme, "POST", "CreateConversation", Map.of(),
        bytes("{\"agent_id\": \"" + agentId + "\", \"title\": \"other\"}"), headers), 422);
  }

  // --------------------------------------------------------------------------- GetConversation

  @Test
  void getConversation() {
    String agentId = newAgent(acme, "Readable talker", "health");
    String id = newConversation(acme, agentId);
    Exchange read = get(acme, "GetConversation", Map.of("conversation_id", id));
    assertConforms(read, 200);
    assertEquals(read.response().json().get("etag").getAsString(), read.response().header("ETag").orElseThrow());

    Exchange foreign = get(other, "GetConversation", Map.of("conversation_id", id));
    assertConforms(foreign, 404);
    Exchange missing = get(other, "GetConversation", Map.of("conversation_id", UNKNOWN_ID));
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    // A deleted agent takes its conversations with it.
    String doomed = newAgent(acme, "Doomed talker", null);
    String orphan = newConversation(acme, doomed);
    assertEquals(204, acme.delete("DeleteAgent?agent_id=" + doomed, Map.of()).status());
    Exchange orphaned = get(acme, "GetConversation", Map.of("conversation_id", orphan));
    assertConforms(orphaned, 404);
    assertEquals(missing.response().json(), orphaned.response().json());

    assertResponseConforms(get(anonymous, "GetConversation", Map.of("conversation_id", id)), 401, "GET",
        "validation.request.security.missing");
    assertResponseConforms(get(acme, "GetConversation", Map.of()), 400, "GET", "validation.request.parameter.query.missing");
    assertResponseConforms(get(acme, "GetConversation", Map.of("conversation_id", "../x")), 400, "GET",
        "validation.request.parameter.schema.pattern");
    assertResponseConforms(get(acme, "GetConversation", Map.of("conversation_id", id, "agent_id", agentId)), 400, "GET",
        "validation.request.parameter.query.unexpected");
    assertResponseConforms(send(acme, "DELETE", "GetConversation", Map.of("conversation_id", id), null, Map.of()), 405,
        "GET", "validation.request.operation.notAllowed");
  }

  // ------------------------------------------------------------------------- ListConversations

  @Test
  void listConversations() {
    ApiClient org = LocalStackFixture.newOrganization("Conversations list conformance");
    String agentId = newAgent(org, "Lister", "retail");
    String otherAgent = newAgent(org, "Other lister", "retail");
    String oldest = newConversation(org, agentId, "{\"user_id\": \"u-1\"}");
    newConversation(org, agentId, "{\"user_id\": \"u-1\"}");
    String newest = newConversation(org, agentId, "{\"user_id\": \"u-2\"}");
    newConversation(org, otherAgent, "{}");
    assertConforms(post(org, "CloseConversation", "{\"conversation_id\": \"" + oldest + "\"}"), 200);

    Exchange all = get(org, "ListConversations", Map.of());
    assertConforms(all, 200);
    assertEquals(4, all.response().json().getAsJsonArray("conversations").size());
    Exchange first = get(org, "ListConversations", Map.of("agent_id", agentId, "page_size", "2"));
    assertConforms(first, 200);
    assertEquals(newest, first.response().json().getAsJsonArray("conversations").get(0).getAsJsonObject()
        .get("id").getAsString(), "newest first");
    String token = first.response().json().get("next_page_token").getAsString();
    Exchange last = get(org, "ListConversations", Map.of("agent_id", agentId, "page_size", "2", "page_token", token));
    assertConforms(last, 200);
    assertEquals(1, last.response().json().getAsJsonArray("conversations").size());
    assertEquals(oldest, last.response().json().getAsJsonArray("conversations").get(0).getAsJsonObject()
        .get("id").getAsString());
    assertTrue(last.response().json().get("next_page_token").isJsonNull());
    Exchange closed = get(org, "ListConversations", Map.of("agent_id", agentId, "user_id", "u-1", "status", "closed"));
    assertConforms(closed, 200);
    assertEquals(1, closed.response().json().getAsJsonArray("conversations").size());
    assertConforms(get(org, "ListConversations", Map.of("status", "open", "page_size", "100")), 200);

    // A token only works with the filters it was issued for.
    assertConforms(get(org, "ListConversations", Map.of("agent_id", otherAgent, "page_token", token)), 400);
    // The agent filter names an agent of the caller's organization.
    Exchange foreignAgent = get(other, "ListConversations", Map.of("agent_id", agentId));
    assertConforms(foreignAgent, 404);
    assertEquals(get(other, "ListConversations", Map.of("agent_id", UNKNOWN_ID)).response().json(),
        foreignAgent.response().json());
    assertResponseConforms(get(org, "ListConversations", Map.of("status", "deleted")), 400, "GET",
        "validation.request.parameter.schema.enum");
    assertResponseConforms(get(org, "ListConversations", Map.of("agent_id", "no/pe")), 400, "GET",
        "validation.request.parameter.schema.pattern");
    assertResponseConforms(get(org, "ListConversations", Map.of("page_size", "101")), 400, "GET",
        "validation.request.parameter.schema.maximum");
    assertResponseConforms(get(org, "ListConversations", Map.of("title", "x")), 400, "GET",
        "validation.request.parameter.query.unexpected");
    assertResponseConforms(get(anonymous, "ListConversations", Map.of()), 401, "GET", "validation.request.security.missing");
    assertResponseConforms(send(org, "POST", "ListConversations", Map.of(), bytes("{}"),
        Map.of("Content-Type", "application/json")), 405, "GET", "validation.request.operation.notAllowed");
  }

  // ------------------------------------------------------------------------- CloseConversation

  @Test
  void closeConversation() {
    String agentId = newAgent(acme, "Closer", "retail");
    String id = newConversation(acme, agentId);
    String body = "{\"conversation_id\": \"" + id + "\"}";
    String created = get(acme, "GetConversation", Map.of("conversation_id", id)).response().header("ETag").orElseThrow();
    assertConforms(append(acme, "{\"conversation_id\": \"" + id + "\", \"role\": \"user\", \"content\": \"hi\"}"), 201);

    // Appending changed the version: the ETag read before it is stale.
    Exchange stale = send(acme, "POST", "CloseConversation", Map.of(), bytes(body),
        Map.of("Content-Type", "application/json", "If-Match", created));
    assertConforms(stale, 412);
    assertEquals("precondition_failed", stale.response().errorCode());
    Exchange weak = send(acme, "POST", "CloseConversation", Map.of(), bytes(body),
        Map.of("Content-Type", "application/json", "If-Match", "W/" + created));
    assertConforms(weak, 400);
    assertEquals("If-Match", weak.response().errorField());

    String current = get(acme, "GetConversation", Map.of("conversation_id", id)).response().header("ETag").orElseThrow();
    Exchange closed = send(acme, "POST", "CloseConversation", Map.of(), bytes(body),
        Map.of("Content-Type", "application/json", "If-Match", current));
    assertConforms(closed, 200);
    assertEquals("closed", closed.response().json().get("status").getAsString());
    assertFalse(closed.response().json().get("closed_at").isJsonNull());
    assertEquals(closed.response().json().get("etag").getAsString(), closed.response().header("ETag").orElseThrow());
    assertNotEquals(current, closed.response().header("ETag").orElseThrow());
    assertEquals(closed.response().json(), get(acme, "GetConversation", Map.of("conversation_id", id)).response().json());
    Exchange again = post(acme, "CloseConversation", body);
    assertConforms(again, 409);
    assertEquals("conversation_id", again.response().errorField());

    Exchange foreign = post(other, "CloseConversation", conversationBody(newConversation(acme, agentId)));
    assertConforms(foreign, 404);
    Exchange missing = post(other, "CloseConversation", conversationBody(UNKNOWN_ID));
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    assertResponseConforms(post(acme, "CloseConversation", "{\"conversation_id\": \"" + id + "\", \"reason\": \"done\"}"),
        400, "POST", "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(acme, "CloseConversation", "{}"), 400, "POST", "validation.request.body.schema.required");
    assertResponseConforms(post(acme, "CloseConversation", "{\"conversation_id\": \"no spaces\"}"), 400, "POST",
        "validation.request.body.schema.pattern");
    assertResponseConforms(post(anonymous, "CloseConversation", body), 401, "POST", "validation.request.security.missing");
    assertResponseConforms(send(acme, "POST", "CloseConversation", Map.of(), bytes(body), Map.of()), 415, "POST");
    assertResponseConforms(oversize(acme, "CloseConversation"), 413, "POST");
    assertResponseConforms(send(acme, "GET", "CloseConversation", Map.of("conversation_id", id), null, Map.of()), 405,
        "POST", "validation.request.operation.notAllowed");
  }

  // ------------------------------------------------------------------------ DeleteConversation

  @Test
  void deleteConversation() {
    String agentId = newAgent(acme, "Deleter", "retail");
    String id = "deletable-" + UUID.randomUUID();
    String createBody = "{\"id\": \"" + id + "\", \"agent_id\": \"" + agentId + "\"}";
    String created = post(acme, "CreateConversation", createBody).response().header("ETag").orElseThrow();
    assertConforms(append(acme, "{\"conversation_id\": \"" + id + "\", \"role\": \"user\", \"content\": \"bye\"}"), 201);
    String current = get(acme, "GetConversation", Map.of("conversation_id", id)).response().header("ETag").orElseThrow();

    assertConforms(deleteConversation(acme, id, Map.of("If-Match", created)), 412);
    Exchange foreign = deleteConversation(other, id, Map.of());
    assertConforms(foreign, 404);
    Exchange missingElsewhere = deleteConversation(other, UNKNOWN_ID, Map.of());
    assertConforms(missingElsewhere, 404);
    assertEquals(missingElsewhere.response().json(), foreign.response().json());
    assertResponseConforms(deleteConversation(anonymous, id, Map.of()), 401, "DELETE", "validation.request.security.missing");
    assertResponseConforms(send(acme, "DELETE", "DeleteConversation", Map.of(), null, Map.of()), 400, "DELETE",
        "validation.request.parameter.query.missing");
    assertResponseConforms(send(acme, "DELETE", "DeleteConversation", Map.of("conversation_id", "a/b"), null, Map.of()),
        400, "DELETE", "validation.request.parameter.schema.pattern");
    assertResponseConforms(send(acme, "DELETE", "DeleteConversation", Map.of("conversation_id", id, "force", "true"), null,
        Map.of()), 400, "DELETE", "validation.request.parameter.query.unexpected");
    assertConforms(deleteConversation(acme, id, Map.of("If-Match", "\"yesterday\"")), 400);

    Exchange deleted = deleteConversation(acme, id, Map.of("If-Match", current));
    assertConforms(deleted, 204);
    assertEquals("", deleted.response().body());
    assertConforms(get(acme, "GetConversation", Map.of("conversation_id", id)), 404);
    assertConforms(get(acme, "ListMessages", Map.of("conversation_id", id)), 404);
    assertConforms(append(acme, "{\"conversation_id\": \"" + id + "\", \"role\": \"user\", \"content\": \"late\"}"), 404);
    assertConforms(deleteConversation(acme, id, Map.of()), 404);
    // A deleted conversation's id is never reused.
    Exchange reused = post(acme, "CreateConversation", createBody);
    assertConforms(reused, 409);
    assertEquals("id", reused.response().errorField());

    String unconditional = newConversation(acme, agentId);
    assertConforms(deleteConversation(acme, unconditional, Map.of("If-Match", "*")), 204);
    assertResponseConforms(send(acme, "POST", "DeleteConversation", Map.of("conversation_id", unconditional), bytes("{}"),
        Map.of("Content-Type", "application/json")), 405, "DELETE", "validation.request.operation.notAllowed");
  }

  // ---------------------------------------------------------------------------- AppendMessages

  @Test
  void appendMessages() {
    String agentId = newAgent(acme, "Appender", "retail");
    String id = newConversation(acme, agentId);
    String conversation = "\"conversation_id\": \"" + id + "\"";

    Exchange single = append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \"Where is my order?\", "
        + "\"client_message_id\": \"m-1\", \"tokens_in\": null}");
    assertConforms(single, 201);
    JsonObject first = single.response().json().getAsJsonArray("messages").get(0).getAsJsonObject();
    assertEquals(1, first.get("sequence").getAsLong());
    assertFalse(first.get("replayed").getAsBoolean());

    Exchange batch = append(acme, "{" + conversation + ", \"expected_sequence\": 2, \"messages\": ["
        + "{\"role\": \"assistant\", \"tool_call\": {\"name\": \"lookup_order\", \"arguments\": {\"id\": 42}}, "
        + "\"tokens_in\": 120, \"tokens_out\": 15, \"model\": \"m-large\", \"latency_ms\": 840},"
        + "{\"role\": \"tool\", \"tool_result\": {\"status\": \"shipped\", \"rows\": [[1, 2], [3]]}},"
        + "{\"role\": \"tool\", \"tool_result\": \"plain text\", \"content\": \"\"},"
        + "{\"role\": \"assistant\", \"content\": \"It has shipped.\", \"tokens_in\": 10000000, \"tokens_out\": 0, "
        + "\"latency_ms\": 86400000, \"client_message_id\": \"m-5\"}]}");
    assertConforms(batch, 201);
    assertEquals(5, batch.response().json().get("last_sequence").getAsLong());

    // Retries: all replayed is a 200, some replayed a 201; each says which.
    Exchange retried = append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \"Where is my order?\", "
        + "\"client_message_id\": \"m-1\"}");
    assertConforms(retried, 200);
    JsonObject replay = retried.response().json().getAsJsonArray("messages").get(0).getAsJsonObject();
    assertEquals(1, replay.get("sequence").getAsLong());
    assertTrue(replay.get("replayed").getAsBoolean());
    Exchange mixed = append(acme, "{" + conversation + ", \"messages\": ["
        + "{\"role\": \"user\", \"content\": \"Where is my order?\", \"client_message_id\": \"m-1\"},"
        + "{\"role\": \"user\", \"content\": \"Thanks!\", \"client_message_id\": \"m-6\"}]}");
    assertConforms(mixed, 201);
    assertTrue(mixed.response().json().getAsJsonArray("messages").get(0).getAsJsonObject().get("replayed").getAsBoolean());
    assertEquals(6, mixed.response().json().getAsJsonArray("messages").get(1).getAsJsonObject().get("sequence").getAsLong());
    Exchange reused = append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \"Something else\", "
        + "\"client_message_id\": \"m-1\"}");
    assertConforms(reused, 422);
    assertTrue(reused.response().errorField().endsWith("client_message_id"), reused::toString);
    Exchange behind = append(acme, "{" + conversation + ", \"expected_sequence\": 2, \"role\": \"user\", \"content\": \"x\"}");
    assertConforms(behind, 409);
    assertEquals("expected_sequence", behind.response().errorField());

    // Limits the document states exactly.
    assertConforms(append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \"" + "c".repeat(32_768) + "\"}"),
        201);
    assertResponseConforms(append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \""
        + "c".repeat(32_769) + "\"}"), 400, "POST", "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \"x\", "
        + "\"tokens_out\": 10000001}"), 400, "POST", "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \"x\", "
        + "\"latency_ms\": -1}"), 400, "POST", "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \"x\", "
        + "\"client_message_id\": \"has space\"}"), 400, "POST", "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \"x\", "
        + "\"client_message_id\": \"" + "k".repeat(129) + "\"}"), 400, "POST", "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \"x\", "
        + "\"model\": \"  \"}"), 400, "POST", "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"role\": \"bot\", \"content\": \"x\"}"), 400, "POST",
        "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"content\": \"no role\"}"), 400, "POST",
        "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{\"role\": \"user\", \"content\": \"nowhere\"}"), 400, "POST",
        "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{\"conversation_id\": \"not/an/id\", \"role\": \"user\", \"content\": \"x\"}"),
        400, "POST", "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"role\": \"user\", \"text\": \"x\"}"), 400, "POST",
        "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"role\": \"assistant\", \"tool_call\": "
        + "{\"arguments\": {}}}"), 400, "POST", "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"role\": \"assistant\", \"tool_call\": "
        + "\"{\\\"name\\\": \\\"lookup\\\"}\"}"), 400, "POST", "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"messages\": []}"), 400, "POST",
        "validation.request.body.schema.oneOf");
    String message = "{\"role\": \"user\", \"content\": \"x\"}";
    assertResponseConforms(append(acme, "{" + conversation + ", \"messages\": ["
        + String.join(",", Collections.nCopies(101, message)) + "]}"), 400, "POST",
        "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"messages\": [" + message + "], \"role\": \"user\"}"), 400,
        "POST", "validation.request.body.schema.oneOf");
    assertResponseConforms(append(acme, "{" + conversation + ", \"messages\": [{\"role\": \"user\", \"content\": \"x\", "
        + "\"name\": \"n\"}]}"), 400, "POST", "validation.request.body.schema.oneOf");

    // Rules the document states in words only: the request conforms, the function refuses it.
    Exchange empty = append(acme, "{" + conversation + ", \"role\": \"user\"}");
    assertConforms(empty, 400);
    assertEquals("content", empty.response().errorField());
    Exchange userToolCall = append(acme, "{" + conversation + ", \"messages\": [" + message + ", {\"role\": \"user\", "
        + "\"content\": \"x\", \"tool_call\": {\"name\": \"lookup\"}}]}");
    assertConforms(userToolCall, 400);
    assertEquals("messages[1].tool_call", userToolCall.response().errorField());
    Exchange twice = append(acme, "{" + conversation + ", \"messages\": ["
        + "{\"role\": \"user\", \"content\": \"a\", \"client_message_id\": \"dup\"},"
        + "{\"role\": \"user\", \"content\": \"b\", \"client_message_id\": \"dup\"}]}");
    assertConforms(twice, 400);
    assertEquals("messages[1].client_message_id", twice.response().errorField());
    Exchange bigTool = append(acme, "{" + conversation + ", \"role\": \"tool\", \"tool_result\": \""
        + "r".repeat(65_536) + "\"}");
    assertConforms(bigTool, 400);
    assertEquals("tool_result", bigTool.response().errorField());

    Exchange foreign = append(other, "{" + conversation + ", \"role\": \"user\", \"content\": \"x\"}");
    assertConforms(foreign, 404);
    Exchange missing = append(other, "{\"conversation_id\": \"" + UNKNOWN_ID + "\", \"role\": \"user\", \"content\": \"x\"}");
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    assertResponseConforms(append(anonymous, "{" + conversation + ", \"role\": \"user\", \"content\": \"x\"}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(send(acme, "POST", "AppendMessages", Map.of(), bytes("{" + conversation + ", \"role\": \"user\","
        + " \"content\": \"x\"}"), Map.of("Content-Type", "text/plain")), 415, "POST",
        "validation.request.contentType.notAllowed");
    assertResponseConforms(oversize(acme, "AppendMessages"), 413, "POST");
    assertResponseConforms(send(acme, "GET", "AppendMessages", Map.of("conversation_id", id), null, Map.of()), 405, "POST",
        "validation.request.operation.notAllowed");

    // A closed conversation takes no new messages, but still answers a retry.
    assertConforms(post(acme, "CloseConversation", conversationBody(id)), 200);
    Exchange closed = append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \"late\"}");
    assertConforms(closed, 409);
    assertEquals("conversation_id", closed.response().errorField());
    assertConforms(append(acme, "{" + conversation + ", \"role\": \"user\", \"content\": \"Thanks!\", "
        + "\"client_message_id\": \"m-6\"}"), 200);
  }

  // ------------------------------------------------------------------------------ ListMessages

  @Test
  void listMessages() {
    String agentId = newAgent(acme, "Listed talker", "retail");
    String id = newConversation(acme, agentId);
    assertConforms(get(acme, "ListMessages", Map.of("conversation_id", id)), 200);
    assertConforms(append(acme, "{\"conversation_id\": \"" + id + "\", \"messages\": ["
        + "{\"role\": \"system\", \"content\": \"Be brief.\"},"
        + "{\"role\": \"user\", \"content\": \"Weather?\", \"client_message_id\": \"u-1\"},"
        + "{\"role\": \"assistant\", \"tool_call\": {\"name\": \"weather\", \"arguments\": {\"city\": \"Oslo\"}}},"
        + "{\"role\": \"tool\", \"tool_result\": [1, [2, 3], {\"t\": -4.5}]},"
        + "{\"role\": \"assistant\", \"content\": \"Cold.\", \"model\": \"m\", \"latency_ms\": 12, \"tokens_out\": 3}]}"), 201);

    Exchange all = get(acme, "ListMessages", Map.of("conversation_id", id));
    assertConforms(all, 200);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequences(all));
    Exchange newest = get(acme, "ListMessages", Map.of("conversation_id", id, "order", "desc", "page_size", "2"));
    assertConforms(newest, 200);
    assertEquals(List.of(5L, 4L), sequences(newest));
    String token = newest.response().json().get("next_page_token").getAsString();
    Exchange next = get(acme, "ListMessages", Map.of("conversation_id", id, "order", "desc", "page_size", "2",
        "page_token", token));
    assertConforms(next, 200);
    assertEquals(List.of(3L, 2L), sequences(next));
    Exchange after = get(acme, "ListMessages", Map.of("conversation_id", id, "after_sequence", "3", "order", "asc"));
    assertConforms(after, 200);
    assertEquals(List.of(4L, 5L), sequences(after));
    assertTrue(after.response().json().get("next_page_token").isJsonNull());
    Exchange afterDescending = get(acme, "ListMessages", Map.of("conversation_id", id, "after_sequence", "3", "order", "desc"));
    assertConforms(afterDescending, 200);
    assertEquals(List.of(5L, 4L), sequences(afterDescending));
    assertEquals(List.of(), sequences(get(acme, "ListMessages", Map.of("conversation_id", id, "after_sequence", "5"))));

    Exchange foreign = get(other, "ListMessages", Map.of("conversation_id", id));
    assertConforms(foreign, 404);
    Exchange missing = get(other, "ListMessages", Map.of("conversation_id", UNKNOWN_ID));
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    assertConforms(get(acme, "ListMessages", Map.of("conversation_id", id, "page_token", "not-a-token")), 400);
    assertResponseConforms(get(acme, "ListMessages", Map.of("conversation_id", id, "order", "newest")), 400, "GET",
        "validation.request.parameter.schema.enum");
    assertResponseConforms(get(acme, "ListMessages", Map.of("conversation_id", id, "after_sequence", "-1")), 400, "GET",
        "validation.request.parameter.schema.minimum");
    assertResponseConforms(get(acme, "ListMessages", Map.of("conversation_id", id, "after_sequence", "2147483648")), 400,
        "GET", "validation.request.parameter.schema.maximum");
    assertResponseConforms(get(acme, "ListMessages", Map.of("conversation_id", id, "after_sequence", "three")), 400, "GET",
        "validation.request.parameter.schema.type");
    assertResponseConforms(get(acme, "ListMessages", Map.of("conversation_id", id, "page_size", "0")), 400, "GET",
        "validation.request.parameter.schema.minimum");
    assertResponseConforms(get(acme, "ListMessages", Map.of()), 400, "GET", "validation.request.parameter.query.missing");
    assertResponseConforms(get(acme, "ListMessages", Map.of("conversation_id", id, "role", "user")), 400, "GET",
        "validation.request.parameter.query.unexpected");
    assertResponseConforms(get(anonymous, "ListMessages", Map.of("conversation_id", id)), 401, "GET",
        "validation.request.security.missing");
    assertResponseConforms(send(acme, "POST", "ListMessages", Map.of(), bytes("{\"conversation_id\": \"" + id + "\"}"),
        Map.of("Content-Type", "application/json")), 405, "GET", "validation.request.operation.notAllowed");
  }

  // ------------------------------------------------- GetConversationSettings, UpdateConversationSettings

  @Test
  void conversationSettings() {
    ApiClient org = LocalStackFixture.newOrganization("Settings conformance");
    Exchange initial = get(org, "GetConversationSettings", Map.of());
    assertConforms(initial, 200);
    assertTrue(initial.response().json().get("message_retention_days").isJsonNull());

    Exchange set = patchSettings(org, "{\"message_retention_days\": 30}", Map.of());
    assertConforms(set, 200);
    assertEquals(30, set.response().json().get("message_retention_days").getAsLong());
    Exchange read = get(org, "GetConversationSettings", Map.of());
    assertConforms(read, 200);
    assertEquals(set.response().json(), read.response().json());
    // Messages appended under a retention look the same on the wire.
    String id = newConversation(org, newAgent(org, "Retained", null));
    assertConforms(append(org, "{\"conversation_id\": \"" + id + "\", \"role\": \"user\", \"content\": \"kept 30 days\"}"),
        201);
    assertConforms(get(org, "ListMessages", Map.of("conversation_id", id)), 200);
    assertConforms(patchSettings(org, "{\"message_retention_days\": 1}", Map.of()), 200);
    assertConforms(patchSettings(org, "{\"message_retention_days\": 3650}", Map.of()), 200);
    Exchange cleared = patchSettings(org, "{\"message_retention_days\": null}", Map.of());
    assertConforms(cleared, 200);
    assertTrue(cleared.response().json().get("message_retention_days").isJsonNull());
    assertTrue(get(org, "GetConversationSettings", Map.of()).response().json().get("message_retention_days").isJsonNull());

    assertResponseConforms(patchSettings(org, "{\"message_retention_days\": 0}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.minimum");
    assertResponseConforms(patchSettings(org, "{\"message_retention_days\": 3651}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.maximum");
    assertResponseConforms(patchSettings(org, "{\"message_retention_days\": \"30\"}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.type");
    assertResponseConforms(patchSettings(org, "{}", Map.of()), 400, "PATCH", "validation.request.body.schema.required");
    assertResponseConforms(patchSettings(org, "{\"message_retention_days\": 7, \"tool_retention_days\": 7}", Map.of()), 400,
        "PATCH", "validation.request.body.schema.additionalProperties");
    assertResponseConforms(patchSettings(org, "{\"message_retention_days\": 7}", Map.of("organization_id", UNKNOWN_ID)), 400,
        "PATCH", "validation.request.parameter.query.unexpected");
    assertResponseConforms(get(org, "GetConversationSettings", Map.of("organization_id", UNKNOWN_ID)), 400, "GET",
        "validation.request.parameter.query.unexpected");
    assertResponseConforms(get(anonymous, "GetConversationSettings", Map.of()), 401, "GET",
        "validation.request.security.missing");
    assertResponseConforms(patchSettings(anonymous, "{\"message_retention_days\": 7}", Map.of()), 401, "PATCH",
        "validation.request.security.missing");
    assertResponseConforms(send(org, "PATCH", "UpdateConversationSettings", Map.of(), bytes("{\"message_retention_days\": 7}"),
        Map.of("Content-Type", "text/plain")), 415, "PATCH", "validation.request.contentType.notAllowed");
    assertResponseConforms(send(org, "PATCH", "UpdateConversationSettings", Map.of(), oversizeBody(),
        Map.of("Content-Type", "application/json")), 413, "PATCH");
    assertResponseConforms(send(org, "PUT", "UpdateConversationSettings", Map.of(), bytes("{\"message_retention_days\": 7}"),
        Map.of("Content-Type", "application/json")), 405, "PATCH", "validation.request.operation.notAllowed");
    assertResponseConforms(send(org, "POST", "GetConversationSettings", Map.of(), bytes("{}"),
        Map.of("Content-Type", "application/json")), 405, "GET", "validation.request.operation.notAllowed");
  }

  /** Like {@link #theValidatorFlagsAnswersThatDriftFromTheDocument}, for the conversation answers. */
  @Test
  void theValidatorFlagsConversationAnswersThatDriftFromTheDocument() {
    String id = newConversation(acme, newAgent(acme, "Drifting talker", null));
    Exchange read = get(acme, "GetConversation", Map.of("conversation_id", id));
    assertConforms(read, 200);
    JsonObject status = read.response().json();
    status.addProperty("status", "archived");
    assertResponseRefused(read, 200, status.toString(), read.responseHeaders(), "a status outside the enum");
    JsonObject noCount = read.response().json();
    noCount.remove("message_count");
    assertResponseRefused(read, 200, noCount.toString(), read.responseHeaders(), "a missing message_count");

    Exchange appended = append(acme, "{\"conversation_id\": \"" + id + "\", \"role\": \"user\", \"content\": \"x\"}");
    assertConforms(appended, 201);
    assertResponseRefused(appended, 201, appended.response().body().replace("\"replayed\":false,", "")
        .replace(",\"replayed\":false", ""), appended.responseHeaders(), "a message without replayed");
    assertResponseRefused(appended, 201, appended.response().body().replace("\"role\":\"user\"", "\"role\":\"human\""),
        appended.responseHeaders(), "a role outside the enum");
    assertResponseRefused(appended, 201, appended.response().body().replace("\"sequence\":1", "\"sequence\":0"),
        appended.responseHeaders(), "a sequence of 0");

    Exchange messages = get(acme, "ListMessages", Map.of("conversation_id", id));
    assertConforms(messages, 200);
    assertResponseRefused(messages, 200, messages.response().body().replace("\"content\":", "\"replayed\":false,\"content\":"),
        messages.responseHeaders(), "a listed message with replayed");

    Exchange settings = get(acme, "GetConversationSettings", Map.of());
    assertConforms(settings, 200);
    assertResponseRefused(settings, 200, "{\"message_retention_days\": 0}", settings.responseHeaders(), "a retention of 0");
    assertResponseRefused(settings, 200, "{}", settings.responseHeaders(), "no retention field");
  }

  // ------------------------------------------------------------------------------- TrackEvents

  @Test
  void trackEvents() {
    ApiClient org = LocalStackFixture.newOrganization("Events conformance");
    Exchange single = post(org, "TrackEvents", "{\"event_type\": \"conversation.started\", "
        + "\"event_data\": {\"channel\": \"web\", \"turns\": 3}, \"user_id\": \"user-1\", \"session_id\": \"s-1\", "
        + "\"timestamp\": \"" + Instant.now().minusSeconds(60) + "\", \"event_id\": \"client:1\"}");
    assertConforms(single, 202);
    assertEquals(1, single.response().json().getAsJsonArray("accepted").size());
    assertEquals(0, single.response().json().getAsJsonArray("rejected").size());
    assertConforms(post(org, "TrackEvents", "{\"event_type\": \"ping\", \"user_id\": null}"), 202);

    Exchange batch = post(org, "TrackEvents", "{\"events\": [{\"event_type\": \"message.sent\"}, "
        + "{\"event_type\": \"Message Sent\"}, {\"event_type\": \"message.sent\", \"event_id\": \"m-2\"}]}");
    // The document cannot say "valid envelope, some events invalid": it refuses such a batch as a whole,
    // while the function accepts the valid events and rejects the others one by one.
    assertResponseConforms(batch, 202, "POST", "validation.request.body.schema.oneOf");
    JsonObject outcome = batch.response().json();
    assertEquals(2, outcome.getAsJsonArray("accepted").size());
    JsonObject rejected = outcome.getAsJsonArray("rejected").get(0).getAsJsonObject();
    assertEquals(1, rejected.get("index").getAsInt());
    assertEquals("events[1].event_type", rejected.getAsJsonObject("error").get("field").getAsString());

    // A rejection the document cannot express (duplicate event_id) and one past the timestamp window.
    Exchange duplicate = post(org, "TrackEvents", "{\"events\": [{\"event_type\": \"a\", \"event_id\": \"x\"}, "
        + "{\"event_type\": \"b\", \"event_id\": \"x\"}, {\"event_type\": \"c\", \"timestamp\": \"2000-01-01T00:00:00Z\"}]}");
    assertConforms(duplicate, 202);
    assertEquals(2, duplicate.response().json().getAsJsonArray("rejected").size());

    Exchange invalid = post(org, "TrackEvents", "{\"event_type\": \"Conversation Started\"}");
    assertResponseConforms(invalid, 400, "POST", "validation.request.body.schema.oneOf");
    assertEquals("invalid_argument", invalid.response().errorCode());
    assertEquals("event_type", invalid.response().errorField());
    Exchange stale = post(org, "TrackEvents", "{\"event_type\": \"ping\", \"timestamp\": \"2000-01-01T00:00:00Z\"}");
    assertConforms(stale, 400);
    assertEquals("timestamp", stale.response().errorField());
    assertResponseConforms(post(org, "TrackEvents", "{\"events\": []}"), 400, "POST",
        "validation.request.body.schema.oneOf");
    assertResponseConforms(post(org, "TrackEvents", "{\"events\": [{\"event_type\": \"a\"}], \"source\": \"sdk\"}"),
        400, "POST", "validation.request.body.schema.oneOf");
    assertResponseConforms(post(anonymous, "TrackEvents", "{\"event_type\": \"ping\"}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(send(org, "POST", "TrackEvents", Map.of(), bytes("{\"event_type\": \"ping\"}"),
        Map.of("Content-Type", "text/plain")), 415, "POST", "validation.request.contentType.notAllowed");
    assertResponseConforms(oversize(org, "TrackEvents"), 413, "POST");
  }

  @Test
  void importEventHistory() {
    ApiClient org = LocalStackFixture.newOrganization("History conformance");
    Exchange imported = post(org, "ImportEventHistory", "{\"events\": [{\"event_type\": \"conversation.started\", "
        + "\"event_data\": {\"channel\": \"web\"}, \"user_id\": \"user-1\", \"session_id\": null, "
        + "\"timestamp\": \"2024-03-01T10:00:00Z\", \"event_id\": \"legacy:1\"}]}");
    assertConforms(imported, 200);
    assertEquals(1, imported.response().json().getAsJsonArray("accepted").size());

    // A rejection the document cannot express alone (the envelope is valid, one event is not).
    Exchange partly = post(org, "ImportEventHistory", "{\"events\": [{\"event_type\": \"a.b\", \"event_id\": \"x\", "
        + "\"timestamp\": \"2024-03-01T10:00:00Z\"}, {\"event_type\": \"a.b\", \"timestamp\": \"2024-03-01T10:00:00Z\"}]}");
    assertResponseConforms(partly, 200, "POST", "validation.request.body.schema.required");
    assertEquals("events[1].event_id", partly.response().json().getAsJsonArray("rejected").get(0).getAsJsonObject()
        .getAsJsonObject("error").get("field").getAsString());
    assertResponseConforms(post(org, "ImportEventHistory", "{\"events\": []}"), 400, "POST");
    assertResponseConforms(post(anonymous, "ImportEventHistory", "{\"events\": []}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(oversize(org, "ImportEventHistory"), 413, "POST");
  }

  @Test
  void trackEventsWithAnIdempotencyKey() {
    ApiClient org = LocalStackFixture.newOrganization("Events idempotency conformance");
    Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString());
    byte[] body = bytes("{\"events\": [{\"event_type\": \"retried\"}]}");
    Exchange first = send(org, "POST", "TrackEvents", Map.of(), body, headers);
    assertConforms(first, 202);
    Exchange replayed = send(org, "POST", "TrackEvents", Map.of(), body, headers);
    assertConforms(replayed, 202);
    assertEquals("true", replayed.response().header("Idempotent-Replayed").orElse(null));
    assertEquals(first.response().json(), replayed.response().json());
    assertConforms(send(org, "POST", "TrackEvents", Map.of(), bytes("{\"event_type\": \"other\"}"), headers), 422);
  }

  // -------------------------------------------------------------------------------- EmbedTexts

  @Test
  void embedTexts() {
    Exchange embedded = post(acme, "EmbedTexts", "{\"texts\": [\"a question\", \"another question\"]}");
    assertConforms(embedded, 200);
    assertConforms(post(acme, "EmbedTexts", "{\"texts\": [\"a question\"]}"), 200);
    assertConforms(post(acme, "EmbedTexts", "{\"texts\": [\"a question\", \"never embedded\"], \"cached_only\": true}"), 200);
    assertResponseConforms(post(acme, "EmbedTexts", "{\"texts\": []}"), 400, "POST", "validation.request.body.schema.minItems");
    assertResponseConforms(post(acme, "EmbedTexts", "{\"texts\": [\"x\"], \"model\": \"m\"}"), 400, "POST",
        "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(acme, "EmbedTexts", "{\"texts\": [3]}"), 400, "POST", "validation.request.body.schema.type");
    assertResponseConforms(post(anonymous, "EmbedTexts", "{\"texts\": [\"x\"]}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(oversize(acme, "EmbedTexts"), 413, "POST");
  }

  // ------------------------------------------------------------------ Documents and SearchKnowledge

  @Test
  void documentsAndSearchKnowledge() throws Exception {
    ApiClient org = LocalStackFixture.newOrganization("Documents conformance");
    Exchange created = post(org, "CreateDocument", "{\"title\": \"Leave policy\", \"content\": \"Employees take 25 days of leave.\", "
        + "\"category\": \"hr\", \"tags\": [\"leave\"], \"metadata\": {\"owner\": \"people\"}, "
        + "\"source_url\": \"https://intranet.example.com/leave\"}");
    assertConforms(created, 202);
    String id = created.response().json().get("id").getAsString();
    com.agenthub.functions.knowledge.DocumentsHttpTestAccess.awaitReady(org, id);
    assertConforms(get(org, "GetDocument", Map.of("document_id", id)), 200);
    assertConforms(get(org, "GetDocument", Map.of("document_id", id, "include_content", "false")), 200);
    assertConforms(get(org, "ListDocuments", Map.of("category", "hr", "tag", "leave", "status", "ready", "page_size", "1")), 200);
    assertResponseConforms(get(org, "ListDocuments", Map.of("status", "done")), 400, "GET", "validation.request.parameter.schema.enum");
    for (String mode : List.of("vector", "keyword", "hybrid")) {
      assertConforms(post(org, "SearchKnowledge", "{\"query\": \"days of leave\", \"mode\": \"" + mode + "\", \"top_k\": 5, "
          + "\"filters\": {\"category\": \"hr\", \"tags\": [\"leave\"], \"document_ids\": [\"" + id + "\"]}}"), 200);
    }
    assertResponseConforms(post(org, "SearchKnowledge", "{\"query\": \"q\", \"top_k\": 51}"), 400, "POST",
        "validation.request.body.schema.maximum");
    assertResponseConforms(post(org, "SearchKnowledge", "{\"query\": \"q\", \"mode\": \"fuzzy\"}"), 400, "POST",
        "validation.request.body.schema.enum");
    String etag = get(org, "GetDocument", Map.of("document_id", id)).response().json().get("etag").getAsString();
    Exchange updated = send(org, "PATCH", "UpdateDocument", Map.of("document_id", id), bytes("{\"tags\": [\"leave\", \"policy\"]}"),
        Map.of("Content-Type", "application/json", "If-Match", etag));
    assertConforms(updated, 200);
    assertConforms(send(org, "PATCH", "UpdateDocument", Map.of("document_id", id), bytes("{\"title\": \"x\"}"),
        Map.of("Content-Type", "application/json", "If-Match", etag)), 412);
    assertResponseConforms(send(org, "PATCH", "UpdateDocument", Map.of("document_id", id), bytes("{}"),
        Map.of("Content-Type", "application/json")), 422, "PATCH", "validation.request.body.schema.minProperties");
    assertConforms(send(org, "DELETE", "DeleteDocument", Map.of("document_id", id), null, Map.of()), 204);
    assertConforms(get(org, "GetDocument", Map.of("document_id", id)), 404);
  }

  // --------------------------------------------------------------------------------- CreateFaq

  @Test
  void createFaq() {
    Exchange full = post(acme, "CreateFaq", "{\"question\": \"  How do I reset my password?  \", "
        + "\"answer\": \"Use the 'Forgot password' link on the sign-in page.\", \"category\": \"account\", "
        + "\"tags\": [\"password\", \"sign-in\", \"password\"]}");
    assertConforms(full, 201);
    JsonObject faq = full.response().json();
    assertEquals(faq.get("etag").getAsString(), full.response().header("ETag").orElseThrow());
    assertEquals("How do I reset my password?", faq.get("question").getAsString());
    assertEquals("[\"password\",\"sign-in\"]", faq.getAsJsonArray("tags").toString());
    Exchange minimal = post(acme, "CreateFaq", "{\"question\": \"Where is my invoice?\", \"answer\": \"Under Billing.\", "
        + "\"category\": null, \"tags\": null}");
    assertConforms(minimal, 201);
    assertEquals("general", minimal.response().json().get("category").getAsString());
    assertEquals(0, minimal.response().json().getAsJsonArray("tags").size());

    // The limits, at and just past them: question and answer are counted after trimming.
    assertConforms(post(acme, "CreateFaq", faqBody("q".repeat(1000), "a".repeat(16_384))), 201);
    assertConforms(post(acme, "CreateFaq", faqBody(" " + "q".repeat(1000) + " ", "a")), 201);
    Exchange longQuestion = post(acme, "CreateFaq", faqBody("q".repeat(1001), "a"));
    assertConforms(longQuestion, 400);
    assertEquals("question", longQuestion.response().errorField());
    Exchange longAnswer = post(acme, "CreateFaq", faqBody("q", "a".repeat(16_385)));
    assertConforms(longAnswer, 400);
    assertEquals("answer", longAnswer.response().errorField());
    String twenty = tags(20);
    assertConforms(post(acme, "CreateFaq", "{\"question\": \"q\", \"answer\": \"a\", \"tags\": " + twenty + "}"), 201);
    assertResponseConforms(post(acme, "CreateFaq", "{\"question\": \"q\", \"answer\": \"a\", \"tags\": " + tags(21) + "}"),
        400, "POST", "validation.request.body.schema.maxItems");
    assertConforms(post(acme, "CreateFaq", "{\"question\": \"q\", \"answer\": \"a\", \"category\": \"" + "c".repeat(64) + "\"}"),
        201);
    assertResponseConforms(post(acme, "CreateFaq", "{\"question\": \"q\", \"answer\": \"a\", \"category\": \""
        + "c".repeat(65) + "\"}"), 400, "POST", "validation.request.body.schema.pattern");

    assertResponseConforms(post(anonymous, "CreateFaq", faqBody("q", "a")), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(post(acme, "CreateFaq", "{\"question\": \"q\", \"answer\": \"a\", \"embedding\": [1]}"),
        400, "POST", "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(acme, "CreateFaq", "{\"question\": \"q\"}"), 400, "POST",
        "validation.request.body.schema.required");
    assertResponseConforms(post(acme, "CreateFaq", faqBody("   ", "a")), 400, "POST",
        "validation.request.body.schema.pattern");
    assertResponseConforms(post(acme, "CreateFaq", faqBody("q", "")), 400, "POST",
        "validation.request.body.schema.minLength");
    assertResponseConforms(post(acme, "CreateFaq", "{\"question\": \"q\", \"answer\": \"a\", \"category\": \"Billing\"}"),
        400, "POST", "validation.request.body.schema.pattern");
    assertResponseConforms(post(acme, "CreateFaq", "{\"question\": \"q\", \"answer\": \"a\", \"tags\": [\"ok\", \"Not OK\"]}"),
        400, "POST", "validation.request.body.schema.pattern");
    assertResponseConforms(post(acme, "CreateFaq", "{\"question\": \"q\", \"answer\": \"a\", \"tags\": \"billing\"}"),
        400, "POST", "validation.request.body.schema.type");
    assertResponseConforms(post(acme, "CreateFaq", "{\"question\": 42, \"answer\": \"a\"}"), 400, "POST",
        "validation.request.body.schema.type");
    assertResponseConforms(send(acme, "POST", "CreateFaq", Map.of("category", "x"), bytes(faqBody("q", "a")),
        Map.of("Content-Type", "application/json")), 400, "POST", "validation.request.parameter.query.unexpected");
    assertResponseConforms(send(acme, "POST", "CreateFaq", Map.of(), bytes(faqBody("q", "a")),
        Map.of("Content-Type", "text/plain")), 415, "POST", "validation.request.contentType.notAllowed");
    assertResponseConforms(oversize(acme, "CreateFaq"), 413, "POST");
    assertResponseConforms(send(acme, "GET", "CreateFaq", Map.of(), null, Map.of()), 405, "POST",
        "validation.request.operation.notAllowed");
  }

  @Test
  void createFaqs() {
    ApiClient org = LocalStackFixture.newOrganization("CreateFaqs conformance");
    assertConforms(post(org, "CreateFaq", "{\"id\": \"taken\", \"question\": \"Taken?\", \"answer\": \"Yes.\"}"), 201);
    Exchange answered = post(org, "CreateFaqs", "{\"faqs\": [{\"id\": \"legacy-1\", \"question\": \"Do you ship abroad?\", "
        + "\"answer\": \"Yes.\", \"category\": \"orders\", \"tags\": [\"shipping\"]}, {\"question\": \"Ours?\", \"answer\": \"Yes.\", "
        + "\"category\": null}, {\"id\": \"taken\", \"question\": \"Taken?\", \"answer\": \"Yes.\"}]}");
    assertConforms(answered, 200);
    assertEquals(2, answered.response().json().get("created").getAsInt());
    Exchange conflict = post(org, "CreateFaqs", "{\"faqs\": [{\"id\": \"taken\", \"question\": \"Taken?\", \"answer\": \"No.\"}]}");
    assertConforms(conflict, 200);
    assertEquals("faqs[0].id", conflict.response().json().getAsJsonArray("faqs").get(0).getAsJsonObject()
        .getAsJsonObject("error").get("field").getAsString());
    Exchange twice = post(org, "CreateFaqs", "{\"faqs\": [" + faqBody("q", "a").replace("{", "{\"id\": \"d\", ") + ", "
        + faqBody("q", "a").replace("{", "{\"id\": \"d\", ") + "]}");
    assertConforms(twice, 400);
    assertEquals("faqs[1].id", twice.response().errorField());
    Exchange blank = post(org, "CreateFaqs", "{\"faqs\": [" + faqBody("q", "a") + ", " + faqBody("   ", "a") + "]}");
    assertResponseConforms(blank, 400, "POST", "validation.request.body.schema.pattern");
    assertEquals("faqs[1].question", blank.response().errorField());

    assertResponseConforms(post(anonymous, "CreateFaqs", "{\"faqs\": [" + faqBody("q", "a") + "]}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(post(org, "CreateFaqs", "{\"faqs\": []}"), 400, "POST", "validation.request.body.schema.minItems");
    assertResponseConforms(post(org, "CreateFaqs", "{\"faqs\": [{\"question\": \"q\"}]}"), 400, "POST",
        "validation.request.body.schema.required");
    assertResponseConforms(post(org, "CreateFaqs", "{\"faqs\": [{\"question\": \"q\", \"answer\": \"a\", \"embedding\": [1]}]}"), 400,
        "POST", "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(org, "CreateFaqs", "{\"faqs\": [" + (faqBody("q", "a") + ", ").repeat(100) + faqBody("q", "a") + "]}"),
        400, "POST", "validation.request.body.schema.maxItems");
    assertResponseConforms(oversize(org, "CreateFaqs"), 413, "POST");
  }

  @Test
  void createFaqWithAnIdempotencyKey() {
    Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString());
    byte[] body = bytes(faqBody("Do you ship abroad?", "Yes, to the EU."));
    Exchange first = send(acme, "POST", "CreateFaq", Map.of(), body, headers);
    assertConforms(first, 201);
    Exchange replayed = send(acme, "POST", "CreateFaq", Map.of(), body, headers);
    assertConforms(replayed, 201);
    assertEquals("true", replayed.response().header("Idempotent-Replayed").orElse(null));
    assertEquals(first.response().json(), replayed.response().json());
    assertEquals(first.response().header("ETag"), replayed.response().header("ETag"), "a replay carries the ETag again");
    assertConforms(send(acme, "POST", "CreateFaq", Map.of(), bytes(faqBody("Do you ship abroad?", "No.")), headers), 422);
    assertResponseConforms(send(acme, "POST", "CreateFaq", Map.of(), body,
        Map.of("Content-Type", "application/json", "Idempotency-Key", "with space")), 400, "POST",
        "validation.request.parameter.schema.pattern");
  }

  // ------------------------------------------------------------------------------------ GetFaq

  @Test
  void getFaq() {
    String faqId = newFaq(acme, "Can I pay by card?", "general");
    Exchange read = get(acme, "GetFaq", Map.of("faq_id", faqId));
    assertConforms(read, 200);
    assertEquals(read.response().json().get("etag").getAsString(), read.response().header("ETag").orElseThrow());
    assertEquals(faqId, read.response().json().get("id").getAsString());

    Exchange foreign = get(other, "GetFaq", Map.of("faq_id", faqId));
    assertConforms(foreign, 404);
    Exchange missing = get(other, "GetFaq", Map.of("faq_id", UNKNOWN_ID));
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    assertResponseConforms(get(anonymous, "GetFaq", Map.of("faq_id", faqId)), 401, "GET",
        "validation.request.security.missing");
    assertResponseConforms(get(acme, "GetFaq", Map.of()), 400, "GET", "validation.request.parameter.query.missing");
    assertResponseConforms(get(acme, "GetFaq", Map.of("faq_id", "../x")), 400, "GET",
        "validation.request.parameter.schema.pattern");
    assertResponseConforms(get(acme, "GetFaq", Map.of("faq_id", faqId, "category", "general")), 400, "GET",
        "validation.request.parameter.query.unexpected");
    assertResponseConforms(send(acme, "DELETE", "GetFaq", Map.of("faq_id", faqId), null, Map.of()), 405, "GET",
        "validation.request.operation.notAllowed");
  }

  // ---------------------------------------------------------------------------------- ListFaqs

  @Test
  void listFaqs() {
    ApiClient org = LocalStackFixture.newOrganization("FAQ list conformance");
    String first = newFaq(org, "How do refunds work?", "billing");
    String second = newFaq(org, "When am I charged?", "billing");
    String third = newFaq(org, "Can I get an invoice?", "billing");
    newFaq(org, "How do I log in?", "account");

    Exchange all = get(org, "ListFaqs", Map.of());
    assertConforms(all, 200);
    assertEquals(4, all.response().json().getAsJsonArray("faqs").size());
    assertTrue(all.response().json().get("next_page_token").isJsonNull());
    Exchange page1 = get(org, "ListFaqs", Map.of("category", "billing", "page_size", "2"));
    assertConforms(page1, 200);
    assertEquals(List.of(first, second), faqIds(page1));
    String token = page1.response().json().get("next_page_token").getAsString();
    Exchange page2 = get(org, "ListFaqs", Map.of("category", "billing", "page_size", "2", "page_token", token));
    assertConforms(page2, 200);
    assertEquals(List.of(third), faqIds(page2));
    assertTrue(page2.response().json().get("next_page_token").isJsonNull());
    assertConforms(get(org, "ListFaqs", Map.of("category", "nothing-here")), 200);
    assertConforms(get(org, "ListFaqs", Map.of("page_size", "100")), 200);
    // Another organization sees none of them.
    Exchange elsewhere = get(LocalStackFixture.newOrganization("FAQ list elsewhere"), "ListFaqs", Map.of());
    assertConforms(elsewhere, 200);
    assertEquals(0, elsewhere.response().json().getAsJsonArray("faqs").size());

    // A token only works with the filter it was issued for.
    assertConforms(get(org, "ListFaqs", Map.of("category", "account", "page_token", token)), 400);
    assertConforms(get(org, "ListFaqs", Map.of("page_token", "not-a-token")), 400);
    assertResponseConforms(get(org, "ListFaqs", Map.of("category", "Billing")), 400, "GET",
        "validation.request.parameter.schema.pattern");
    assertResponseConforms(get(org, "ListFaqs", Map.of("page_size", "101")), 400, "GET",
        "validation.request.parameter.schema.maximum");
    assertResponseConforms(get(org, "ListFaqs", Map.of("page_size", "0")), 400, "GET",
        "validation.request.parameter.schema.minimum");
    assertResponseConforms(get(org, "ListFaqs", Map.of("tag", "refunds")), 400, "GET",
        "validation.request.parameter.query.unexpected");
    assertResponseConforms(get(anonymous, "ListFaqs", Map.of()), 401, "GET", "validation.request.security.missing");
    assertResponseConforms(send(org, "POST", "ListFaqs", Map.of(), bytes("{}"),
        Map.of("Content-Type", "application/json")), 405, "GET", "validation.request.operation.notAllowed");
  }

  // --------------------------------------------------------------------------------- UpdateFaq

  @Test
  void updateFaq() {
    String faqId = newFaq(acme, "How long does delivery take?", "shipping");
    String created = get(acme, "GetFaq", Map.of("faq_id", faqId)).response().header("ETag").orElseThrow();

    Exchange conditional = patchFaq(acme, faqId, "{\"answer\": \"Two to three days.\", \"tags\": [\"delivery\"]}",
        Map.of("If-Match", created));
    assertConforms(conditional, 200);
    String current = conditional.response().header("ETag").orElseThrow();
    assertNotEquals(created, current);
    assertEquals(current, conditional.response().json().get("etag").getAsString());
    Exchange unconditional = patchFaq(acme, faqId, "{\"question\": \"How long does shipping take?\", \"category\": null}",
        Map.of());
    assertConforms(unconditional, 200);
    assertEquals("shipping", unconditional.response().json().get("category").getAsString());
    current = unconditional.response().header("ETag").orElseThrow();
    Exchange cleared = patchFaq(acme, faqId, "{\"tags\": []}", Map.of("If-Match", "*"));
    assertConforms(cleared, 200);
    assertEquals(0, cleared.response().json().getAsJsonArray("tags").size());

    Exchange stale = patchFaq(acme, faqId, "{\"answer\": \"Lost update\"}", Map.of("If-Match", current));
    assertConforms(stale, 412);
    assertEquals("precondition_failed", stale.response().errorCode());
    assertEquals("Two to three days.", get(acme, "GetFaq", Map.of("faq_id", faqId)).response().json().get("answer").getAsString());

    assertResponseConforms(patchFaq(acme, faqId, "{}", Map.of()), 422, "PATCH", "validation.request.body.schema.minProperties");
    assertConforms(patchFaq(acme, faqId, "{\"question\": null, \"tags\": null}", Map.of()), 422);

    Exchange foreign = patchFaq(other, faqId, "{\"answer\": \"Hijacked\"}", Map.of());
    assertConforms(foreign, 404);
    Exchange missing = patchFaq(other, UNKNOWN_ID, "{\"answer\": \"Hijacked\"}", Map.of());
    assertConforms(missing, 404);
    assertEquals(missing.response().json(), foreign.response().json());

    assertResponseConforms(patchFaq(acme, faqId, "{\"organization_id\": \"" + UNKNOWN_ID + "\"}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.additionalProperties");
    assertResponseConforms(patchFaq(acme, faqId, "{\"category\": \"Shipping Info\"}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.pattern");
    assertResponseConforms(patchFaq(acme, faqId, "{\"tags\": " + tags(21) + "}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.maxItems");
    assertResponseConforms(patchFaq(acme, faqId, "{\"answer\": \" \"}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.pattern");
    Exchange weak = patchFaq(acme, faqId, "{\"answer\": \"x\"}", Map.of("If-Match", "W/" + current));
    assertConforms(weak, 400);
    assertEquals("If-Match", weak.response().errorField());
    assertResponseConforms(send(acme, "PATCH", "UpdateFaq", Map.of(), bytes("{\"answer\": \"x\"}"),
        Map.of("Content-Type", "application/json")), 400, "PATCH", "validation.request.parameter.query.missing");
    assertResponseConforms(patchFaq(anonymous, faqId, "{\"answer\": \"x\"}", Map.of()), 401, "PATCH",
        "validation.request.security.missing");
    assertResponseConforms(send(acme, "PATCH", "UpdateFaq", Map.of("faq_id", faqId), bytes("{\"answer\": \"x\"}"),
        Map.of("Content-Type", "application/merge-patch+json")), 415, "PATCH", "validation.request.contentType.notAllowed");
    assertResponseConforms(send(acme, "PATCH", "UpdateFaq", Map.of("faq_id", faqId), oversizeBody(),
        Map.of("Content-Type", "application/json")), 413, "PATCH");
    assertResponseConforms(send(acme, "PUT", "UpdateFaq", Map.of("faq_id", faqId), bytes("{\"answer\": \"x\"}"),
        Map.of("Content-Type", "application/json")), 405, "PATCH", "validation.request.operation.notAllowed");
  }

  // --------------------------------------------------------------------------------- DeleteFaq

  @Test
  void deleteFaq() {
    String faqId = newFaq(acme, "Is there a free trial?", "sales");
    String created = get(acme, "GetFaq", Map.of("faq_id", faqId)).response().header("ETag").orElseThrow();
    String current = patchFaq(acme, faqId, "{\"answer\": \"Yes, 14 days.\"}", Map.of()).response().header("ETag").orElseThrow();

    assertConforms(deleteFaq(acme, faqId, Map.of("If-Match", created)), 412);
    Exchange foreign = deleteFaq(other, faqId, Map.of());
    assertConforms(foreign, 404);
    Exchange missingElsewhere = deleteFaq(other, UNKNOWN_ID, Map.of());
    assertConforms(missingElsewhere, 404);
    assertEquals(missingElsewhere.response().json(), foreign.response().json());
    assertResponseConforms(deleteFaq(anonymous, faqId, Map.of()), 401, "DELETE", "validation.request.security.missing");
    assertResponseConforms(send(acme, "DELETE", "DeleteFaq", Map.of(), null, Map.of()), 400, "DELETE",
        "validation.request.parameter.query.missing");
    assertResponseConforms(deleteFaq(acme, "not an id!", Map.of()), 400, "DELETE",
        "validation.request.parameter.schema.pattern");
    assertResponseConforms(send(acme, "DELETE", "DeleteFaq", Map.of("faq_id", faqId, "force", "true"), null, Map.of()), 400,
        "DELETE", "validation.request.parameter.query.unexpected");
    assertConforms(deleteFaq(acme, faqId, Map.of("If-Match", "\"yesterday\"")), 400);
    assertEquals(200, get(acme, "GetFaq", Map.of("faq_id", faqId)).response().status(), "a refused delete deletes nothing");

    Exchange deleted = deleteFaq(acme, faqId, Map.of("If-Match", current));
    assertConforms(deleted, 204);
    assertEquals("", deleted.response().body());
    assertConforms(get(acme, "GetFaq", Map.of("faq_id", faqId)), 404);
    assertConforms(deleteFaq(acme, faqId, Map.of()), 404);

    String unconditional = newFaq(acme, "Is there a free plan?", "sales");
    assertConforms(deleteFaq(acme, unconditional, Map.of()), 204);
    assertResponseConforms(send(acme, "POST", "DeleteFaq", Map.of("faq_id", unconditional), bytes("{}"),
        Map.of("Content-Type", "application/json")), 405, "DELETE", "validation.request.operation.notAllowed");
  }

  // ---------------------------------------------------------------------------------- MatchFaq

  @Test
  void matchFaq() {
    ApiClient org = LocalStackFixture.newOrganization("FAQ match conformance");
    String password = newFaq(org, "How do I reset my password?", "account");
    newFaq(org, "What payment methods do you accept?", "billing");

    Exchange paraphrase = post(org, "MatchFaq", "{\"question\": \"How can I reset my password?\"}");
    assertConforms(paraphrase, 200);
    JsonObject found = paraphrase.response().json();
    assertTrue(found.get("matched").getAsBoolean(), () -> "a paraphrase must match: " + found);
    assertEquals(0.5, found.get("threshold").getAsDouble());
    assertEquals(password, found.getAsJsonArray("matches").get(0).getAsJsonObject().getAsJsonObject("faq").get("id").getAsString());
    Exchange unrelated = post(org, "MatchFaq", "{\"question\": \"What is the boiling point of water at sea level?\", \"top_k\": 10}");
    assertConforms(unrelated, 200);
    assertFalse(unrelated.response().json().get("matched").getAsBoolean(), () -> "no FAQ answers it: " + unrelated);
    assertEquals(0, unrelated.response().json().getAsJsonArray("matches").size());
    Exchange otherCategory = post(org, "MatchFaq", "{\"question\": \"How can I reset my password?\", \"category\": \"billing\", "
        + "\"top_k\": 1}");
    assertConforms(otherCategory, 200);
    for (var match : otherCategory.response().json().getAsJsonArray("matches")) {
      assertEquals("billing", match.getAsJsonObject().getAsJsonObject("faq").get("category").getAsString());
    }
    assertConforms(post(org, "MatchFaq", "{\"question\": \"reset password\", \"top_k\": null, \"category\": null}"), 200);
    // Another organization's FAQs are never matched.
    Exchange elsewhere = post(other, "MatchFaq", "{\"question\": \"How do I reset my password?\"}");
    assertConforms(elsewhere, 200);
    for (var match : elsewhere.response().json().getAsJsonArray("matches")) {
      assertNotEquals(password, match.getAsJsonObject().getAsJsonObject("faq").get("id").getAsString());
    }

    // A changed question is embedded again: the FAQ now matches its new question, not its old one; a deleted FAQ matches nothing.
    assertConforms(patchFaq(org, password, "{\"question\": \"Do you sell gift cards?\"}", Map.of()), 200);
    Exchange renamed = post(org, "MatchFaq", "{\"question\": \"Can I buy a gift card?\"}");
    assertConforms(renamed, 200);
    assertEquals(List.of(password), matchedIds(renamed));
    Exchange former = post(org, "MatchFaq", "{\"question\": \"How can I reset my password?\"}");
    assertConforms(former, 200);
    assertFalse(matchedIds(former).contains(password), () -> "the old question must no longer match: " + former);
    assertConforms(deleteFaq(org, password, Map.of()), 204);
    Exchange gone = post(org, "MatchFaq", "{\"question\": \"Can I buy a gift card?\"}");
    assertConforms(gone, 200);
    assertFalse(matchedIds(gone).contains(password), () -> "a deleted FAQ must not match: " + gone);

    assertResponseConforms(post(anonymous, "MatchFaq", "{\"question\": \"q\"}"), 401, "POST",
        "validation.request.security.missing");
    assertResponseConforms(post(org, "MatchFaq", "{\"question\": \"q\", \"threshold\": 0.1}"), 400, "POST",
        "validation.request.body.schema.additionalProperties");
    assertResponseConforms(post(org, "MatchFaq", "{\"top_k\": 3}"), 400, "POST", "validation.request.body.schema.required");
    assertResponseConforms(post(org, "MatchFaq", "{\"question\": \"q\", \"top_k\": 0}"), 400, "POST",
        "validation.request.body.schema.minimum");
    assertResponseConforms(post(org, "MatchFaq", "{\"question\": \"q\", \"top_k\": 11}"), 400, "POST",
        "validation.request.body.schema.maximum");
    assertResponseConforms(post(org, "MatchFaq", "{\"question\": \"q\", \"top_k\": 2.5}"), 400, "POST",
        "validation.request.body.schema.type");
    assertResponseConforms(post(org, "MatchFaq", "{\"question\": \"q\", \"top_k\": \"3\"}"), 400, "POST",
        "validation.request.body.schema.type");
    assertResponseConforms(post(org, "MatchFaq", "{\"question\": \"\\t \"}"), 400, "POST",
        "validation.request.body.schema.pattern");
    assertResponseConforms(post(org, "MatchFaq", "{\"question\": \"q\", \"category\": \"_billing\"}"), 400, "POST",
        "validation.request.body.schema.pattern");
    Exchange longQuestion = post(org, "MatchFaq", "{\"question\": \"" + "q".repeat(1001) + "\"}");
    assertConforms(longQuestion, 400);
    assertEquals("question", longQuestion.response().errorField());
    assertResponseConforms(send(org, "POST", "MatchFaq", Map.of(), bytes("{\"question\": \"q\"}"),
        Map.of("Content-Type", "application/json; charset=iso-8859-1")), 415, "POST");
    assertResponseConforms(oversize(org, "MatchFaq"), 413, "POST");
    assertResponseConforms(send(org, "GET", "MatchFaq", Map.of(), null, Map.of()), 405, "POST",
        "validation.request.operation.notAllowed");
  }

  @Test
  void theValidatorFlagsFaqAnswersThatDriftFromTheDocument() {
    String faqId = newFaq(acme, "Do you have an API?", "developers");
    Exchange real = get(acme, "GetFaq", Map.of("faq_id", faqId));
    assertConforms(real, 200);
    JsonObject badCategory = real.response().json();
    badCategory.addProperty("category", "Developers");
    assertResponseRefused(real, 200, badCategory.toString(), real.responseHeaders(), "a category outside the pattern");
    JsonObject noTags = real.response().json();
    noTags.remove("tags");
    assertResponseRefused(real, 200, noTags.toString(), real.responseHeaders(), "a missing tags field");
    JsonObject embedded = real.response().json();
    embedded.add("embedding", new com.google.gson.JsonArray());
    assertResponseRefused(real, 200, embedded.toString(), real.responseHeaders(), "a leaked embedding");

    Exchange matched = post(acme, "MatchFaq", "{\"question\": \"Do you have an API?\"}");
    assertConforms(matched, 200);
    JsonObject low = matched.response().json();
    low.getAsJsonArray("matches").get(0).getAsJsonObject().addProperty("score", 0.2);
    assertResponseRefused(matched, 200, low.toString(), matched.responseHeaders(), "a score under the threshold");
    JsonObject unmatched = matched.response().json();
    unmatched.remove("matched");
    assertResponseRefused(matched, 200, unmatched.toString(), matched.responseHeaders(), "a missing matched flag");
  }

  // -------------------------------------------------------------------------------- GetMetrics

  @Test
  void getMetrics() {
    ApiClient org = LocalStackFixture.newOrganization("Metrics conformance");
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String weekAgo = LocalDate.now(ZoneOffset.UTC).minusDays(6).toString();
    Exchange computed = get(org, "GetMetrics", Map.of("start_date", weekAgo, "end_date", today));
    assertConforms(computed, 200);
    JsonObject metrics = computed.response().json();
    assertEquals(0, metrics.getAsJsonArray("days").size());
    assertTrue(metrics.get("event_type").isJsonNull());
    assertEquals(metrics.getAsJsonObject("cache").get("age_seconds").getAsString(),
        computed.response().header("Age").orElse(null));
    Exchange filtered = get(org, "GetMetrics", Map.of("start_date", today, "end_date", today,
        "event_type", "conversation.started"));
    assertConforms(filtered, 200);
    assertEquals("conversation.started", filtered.response().json().get("event_type").getAsString());

    Exchange badDate = get(org, "GetMetrics", Map.of("start_date", "2026-13-01", "end_date", today));
    assertResponseConforms(badDate, 400, "GET", "validation.request.parameter.schema.format.date");
    assertEquals("start_date", badDate.response().errorField());
    Exchange tooLong = get(org, "GetMetrics", Map.of("start_date", "2026-01-01", "end_date", "2026-04-01"));
    assertConforms(tooLong, 400);
    assertEquals("end_date", tooLong.response().errorField());
    assertConforms(get(org, "GetMetrics", Map.of("start_date", today, "end_date", weekAgo)), 400);
    assertResponseConforms(get(org, "GetMetrics", Map.of("start_date", today)), 400, "GET",
        "validation.request.parameter.query.missing");
    assertResponseConforms(get(org, "GetMetrics", Map.of("start_date", today, "end_date", today, "event_type", "Bad Type")),
        400, "GET", "validation.request.parameter.schema.pattern");
    assertResponseConforms(get(org, "GetMetrics", Map.of("start_date", today, "end_date", today, "agent_id", UNKNOWN_ID)),
        400, "GET", "validation.request.parameter.query.unexpected");
    assertResponseConforms(get(anonymous, "GetMetrics", Map.of("start_date", today, "end_date", today)), 401, "GET",
        "validation.request.security.missing");
  }

  /** Like {@link #theValidatorFlagsAnswersThatDriftFromTheDocument}, for the analytics answers. */
  @Test
  void theValidatorFlagsAnalyticsAnswersThatDriftFromTheDocument() {
    Exchange tracked = post(acme, "TrackEvents", "{\"events\": [{\"event_type\": \"drift\"}, {\"event_type\": \"-\"}]}");
    assertResponseConforms(tracked, 202, "POST", "validation.request.body.schema.oneOf");
    assertResponseRefused(tracked, 202, tracked.response().body().replace("\"accepted\":", "\"ok\":"),
        tracked.responseHeaders(), "a renamed field");
    assertResponseRefused(tracked, 202, tracked.response().body().replace("\"index\":1", "\"index\":\"1\""),
        tracked.responseHeaders(), "an index as a string");
    assertResponseRefused(tracked, 202, tracked.response().body().replace("invalid_argument", "unavailable"),
        tracked.responseHeaders(), "a rejection code other than invalid_argument");

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    Exchange metrics = get(acme, "GetMetrics", Map.of("start_date", today, "end_date", today));
    assertConforms(metrics, 200);
    assertResponseRefused(metrics, 200, metrics.response().body().replace("\"age_seconds\":", "\"age\":"),
        metrics.responseHeaders(), "a renamed cache field");
    JsonObject row = new JsonObject();
    row.addProperty("date", today);
    row.addProperty("event_type", "drift");
    row.addProperty("events", 1);
    row.addProperty("users", 0);
    JsonObject missingSessions = metrics.response().json();
    missingSessions.getAsJsonArray("days").add(row);
    assertResponseRefused(metrics, 200, missingSessions.toString(), metrics.responseHeaders(), "a day without sessions");
    Map<String, List<String>> noAge = new LinkedHashMap<>(metrics.responseHeaders());
    noAge.keySet().removeIf(name -> name.equalsIgnoreCase("Age"));
    assertResponseRefused(metrics, 200, metrics.response().body(), noAge, "a missing Age header");
  }

  // ------------------------------------------------------------------------------ Payments

  @Test
  void paymentIntentsCreateGetListCancel() {
    ApiClient org = LocalStackFixture.newOrganization("Payments conformance");
    Exchange created = paymentPost(org, "CreatePaymentIntent", "{\"amount\": 1050, \"currency\": \"usd\", "
        + "\"customer_ref\": \"cus_9\", \"metadata\": {\"order\": \"7\"}}");
    assertConforms(created, 201);
    String id = created.response().json().get("id").getAsString();
    assertConforms(get(org, "GetPaymentIntent", Map.of("payment_intent_id", id)), 200);
    assertConforms(get(org, "GetPaymentIntent", Map.of("payment_intent_id", UNKNOWN_ID)), 404);
    assertConforms(get(other, "GetPaymentIntent", Map.of("payment_intent_id", id)), 404);
    assertConforms(get(org, "ListPaymentIntents", Map.of("status", "requires_payment_method", "customer_ref", "cus_9")), 200);
    assertResponseConforms(get(org, "ListPaymentIntents", Map.of("status", "paid")), 400, "GET",
        "validation.request.parameter.schema.enum");
    assertConforms(get(org, "ListLedgerEntries", Map.of("payment_intent_id", id)), 200);
    assertConforms(get(org, "GetBalance", Map.of()), 200);

    assertResponseConforms(post(org, "CreatePaymentIntent", "{\"amount\": 1050, \"currency\": \"usd\"}"), 400, "POST",
        "validation.request.parameter.header.missing");
    assertResponseConforms(paymentPost(org, "CreatePaymentIntent", "{\"amount\": 10.5, \"currency\": \"usd\"}"), 400, "POST",
        "validation.request.body.schema.type");
    assertResponseConforms(paymentPost(org, "CreatePaymentIntent", "{\"amount\": 1050, \"currency\": \"xyz\"}"), 400, "POST",
        "validation.request.body.schema.enum");
    assertConforms(paymentPost(org, "CreatePaymentIntent", "{\"amount\": 1005, \"currency\": \"kwd\"}"), 400);

    Exchange canceled = paymentPost(org, "CancelPaymentIntent", "{\"payment_intent_id\": \"" + id + "\", "
        + "\"cancellation_reason\": \"duplicate\"}");
    assertConforms(canceled, 200);
    assertConforms(paymentPost(org, "CancelPaymentIntent", "{\"payment_intent_id\": \"" + id + "\"}"), 409);
    assertConforms(paymentPost(org, "CapturePaymentIntent", "{\"payment_intent_id\": \"" + id + "\"}"), 409);
    assertConforms(paymentPost(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\"}"), 409);
    assertConforms(paymentPost(org, "CreateRefund", "{\"payment_intent_id\": \"" + UNKNOWN_ID + "\"}"), 404);
  }

  @Test
  void paymentsCaptureRefundLedgerAndWebhook() {
    ApiClient org = LocalStackFixture.newOrganization("Payments money conformance");
    String id = paymentPost(org, "CreatePaymentIntent", "{\"amount\": 2000, \"currency\": \"eur\", "
        + "\"capture_method\": \"manual\", \"payment_method\": \"pm_card_visa\"}").response().json().get("id").getAsString();
    awaitPaymentStatus(org, id, "requires_capture");
    assertConforms(paymentPost(org, "CapturePaymentIntent", "{\"payment_intent_id\": \"" + id + "\", "
        + "\"amount_to_capture\": 1500}"), 200);
    Exchange refunded = paymentPost(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": 500, "
        + "\"reason\": \"requested_by_customer\"}");
    assertConforms(refunded, 201);
    assertConforms(get(org, "GetRefund", Map.of("refund_id", refunded.response().json().get("id").getAsString())), 200);
    assertConforms(get(org, "GetRefund", Map.of("refund_id", UNKNOWN_ID)), 404);
    assertConforms(paymentPost(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": 5000}"), 409);
    assertResponseConforms(paymentPost(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": \"5\"}"),
        400, "POST", "validation.request.body.schema.type");
    assertConforms(get(org, "ListLedgerEntries", Map.of("payment_intent_id", id, "page_size", "2")), 200);
    assertConforms(get(org, "ListLedgerEntries", Map.of()), 200);
    assertConforms(get(org, "GetBalance", Map.of()), 200);

    String quiet = paymentPost(org, "CreatePaymentIntent", "{\"amount\": 300, \"currency\": \"usd\"}").response().json()
        .get("processor_intent_id").getAsString();
    String event = "{\"id\": \"evt_conf_" + UUID.randomUUID().toString().replace("-", "") + "\", \"object\": \"event\", "
        + "\"created\": " + java.time.Instant.now().getEpochSecond() + ", \"type\": \"payment_intent.succeeded\", "
        + "\"data\": {\"object\": {\"id\": \"" + quiet + "\", \"object\": \"payment_intent\", \"status\": \"succeeded\", "
        + "\"amount_capturable\": 0, \"amount_received\": 300}}}";
    String signature = com.agenthub.shared.local.payments.StripeSignatureHeader.sign(LocalStackFixture.WEBHOOK_SECRET,
        java.time.Instant.now().getEpochSecond(), event);
    Map<String, String> signed = Map.of("Content-Type", "application/json", "Stripe-Signature", signature);
    assertConforms(send(anonymous, "POST", "HandlePaymentWebhook", Map.of(), bytes(event), signed), 200);
    assertConforms(send(anonymous, "POST", "HandlePaymentWebhook", Map.of(), bytes(event), signed), 200);
    assertConforms(send(anonymous, "POST", "HandlePaymentWebhook", Map.of(), bytes(event.replace("300", "301")), signed), 400);
  }

  private static Exchange paymentPost(ApiClient client, String function, String json) {
    return send(client, "POST", function, Map.of(), bytes(json),
        Map.of("Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString()));
  }

  private static void awaitPaymentStatus(ApiClient client, String id, String status) {
    for (int i = 0; i < 300; i++) {
      if (client.get("GetPaymentIntent?payment_intent_id=" + id).json().get("status").getAsString().equals(status)) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    fail("payment intent " + id + " never reached " + status);
  }

  // ------------------------------------------------------------------------------- the checks

  /** The answer has the expected status, and request and answer both conform to the document. */
  // ------------------------------------------------- Organizations and users (issue 16)

  @Test
  void getAndUpdateOrganization() {
    LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("Organization conformance");
    ApiClient org = tenant.client();
    Exchange read = get(org, "GetOrganization", Map.of());
    assertConforms(read, 200);
    String etag = read.response().header("ETag").orElseThrow();
    assertResponseConforms(get(org, "GetOrganization", Map.of("organization_id", UNKNOWN_ID)), 400, "GET",
        "validation.request.parameter.query.unexpected");
    assertResponseConforms(get(anonymous, "GetOrganization", Map.of()), 401, "GET", "validation.request.security.missing");

    assertConforms(patchOrganization(org, Map.of(), "{\"name\": \"Renamed\", \"settings\": {\"locale\": \"fr\"}}",
        Map.of("If-Match", etag)), 200);
    assertConforms(patchOrganization(org, Map.of(), "{\"name\": \"Stale\"}", Map.of("If-Match", etag)), 412);
    assertConforms(patchOrganization(org, Map.of(), "{\"subscription_plan\": \"business\"}", Map.of()), 403);
    assertResponseConforms(patchOrganization(org, Map.of(), "{\"subscription_plan\": \"gold\"}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.enum");
    assertResponseConforms(patchOrganization(org, Map.of(), "{\"settings\": []}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.type");
    assertResponseConforms(patchOrganization(org, Map.of(), "{\"owner\": 1}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.additionalProperties");
    assertConforms(patchOrganization(org, Map.of(), "{\"settings\": {\"blob\": \"" + "x".repeat(17_000) + "\"}}", Map.of()), 400);
    assertConforms(patchOrganization(admin, Map.of("organization_id", tenant.organizationId()),
        "{\"subscription_plan\": \"business\"}", Map.of()), 200);
    assertConforms(patchOrganization(admin, Map.of("organization_id", UNKNOWN_ID), "{\"subscription_plan\": \"business\"}",
        Map.of()), 404);
    assertResponseConforms(send(org, "POST", "UpdateOrganization", Map.of(), bytes("{}"), Map.of("Content-Type", "application/json")),
        405, "PATCH", "validation.request.operation.notAllowed");
  }

  @Test
  void createGetListUpdateAndDeleteUsers() {
    ApiClient org = LocalStackFixture.newOrganization("Users conformance");
    Exchange owner = post(org, "CreateUser", "{\"email\": \"Owner@Example.com\", \"display_name\": \"Owner\", \"role\": \"owner\"}");
    assertConforms(owner, 201);
    String ownerId = owner.response().json().get("id").getAsString();
    Exchange member = post(org, "CreateUser",
        "{\"email\": \"m@example.com\", \"display_name\": \"M\", \"role\": \"member\", \"external_subject\": \"uid-1\"}");
    assertConforms(member, 201);
    String memberId = member.response().json().get("id").getAsString();
    assertConforms(post(org, "CreateUser", "{\"email\": \"owner@example.com\", \"display_name\": \"Again\", \"role\": \"viewer\"}"), 409);
    assertConforms(post(org, "CreateUser", "{\"email\": \"nope\", \"display_name\": \"x\", \"role\": \"viewer\"}"), 400);
    assertResponseConforms(post(org, "CreateUser", "{\"email\": \"v@example.com\", \"display_name\": \"x\", \"role\": \"god\"}"),
        400, "POST", "validation.request.body.schema.enum");
    assertResponseConforms(post(org, "CreateUser", "{\"email\": \"v@example.com\", \"role\": \"viewer\"}"), 400, "POST",
        "validation.request.body.schema.required");

    assertConforms(get(org, "GetUser", Map.of("user_id", memberId)), 200);
    assertConforms(get(org, "GetUser", Map.of("user_id", UNKNOWN_ID)), 404);
    assertResponseConforms(get(org, "GetUser", Map.of()), 400, "GET", "validation.request.parameter.query.missing");
    Exchange page = get(org, "ListUsers", Map.of("page_size", "1"));
    assertConforms(page, 200);
    assertConforms(get(org, "ListUsers", Map.of("page_token", page.response().json().get("next_page_token").getAsString())), 200);

    Exchange key = post(org, "CreateApiKey", "{\"name\": \"member key\", \"user_id\": \"" + memberId + "\", \"scopes\": [\"agents:read\"]}");
    assertConforms(key, 201);
    assertConforms(post(org, "CreateApiKey", "{\"name\": \"too much\", \"user_id\": \"" + memberId + "\", \"scopes\": [\"admin\"]}"), 403);
    assertConforms(post(org, "CreateApiKey", "{\"name\": \"nobody\", \"user_id\": \"" + UNKNOWN_ID + "\"}"), 404);

    String etag = get(org, "GetUser", Map.of("user_id", memberId)).response().header("ETag").orElseThrow();
    assertConforms(patchUser(org, memberId, "{\"role\": \"viewer\", \"display_name\": \"Em\"}", Map.of("If-Match", etag)), 200);
    assertConforms(patchUser(org, memberId, "{\"role\": \"admin\"}", Map.of("If-Match", etag)), 412);
    assertConforms(patchUser(org, ownerId, "{\"role\": \"admin\"}", Map.of()), 409);
    assertResponseConforms(patchUser(org, memberId, "{\"email\": \"x@example.com\"}", Map.of()), 400, "PATCH",
        "validation.request.body.schema.additionalProperties");
    assertConforms(send(org, "DELETE", "DeleteUser", Map.of("user_id", ownerId), null, Map.of()), 409);
    assertConforms(send(org, "DELETE", "DeleteUser", Map.of("user_id", memberId), null, Map.of()), 204);
    assertConforms(send(org, "DELETE", "DeleteUser", Map.of("user_id", memberId), null, Map.of()), 404);
    assertConforms(get(org.as(key.response().json().get("key").getAsString()), "ListAgents", Map.of()), 401);
  }

  @Test
  void theAgentBeyondThePlanLimitIsA429() {
    ApiClient org = LocalStackFixture.newOrganization("Limit conformance");
    long limit = com.agenthub.shared.organizations.Plan.TRIAL.limit(com.agenthub.shared.organizations.PlanLimit.AGENTS);
    for (int i = 0; i < limit; i++) {
      assertEquals(201, post(org, "CreateAgent", "{\"name\": \"a\"}").response().status());
    }
    assertConforms(post(org, "CreateAgent", "{\"name\": \"over\"}"), 429);
  }

  private static Exchange patchOrganization(ApiClient client, Map<String, String> query, String json, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    return send(client, "PATCH", "UpdateOrganization", query, bytes(json), all);
  }

  private static Exchange patchUser(ApiClient client, String userId, String json, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    return send(client, "PATCH", "UpdateUser", Map.of("user_id", userId), bytes(json), all);
  }

  private static void assertConforms(Exchange exchange, int status) {
    assertEquals(status, exchange.response().status(), () -> "unexpected answer to " + exchange);
    ValidationReport report = VALIDATOR.validate(exchange.request(), exchange.simpleResponse());
    if (report.hasErrors()) {
      fail("the exchange does not conform to openapi.yaml:\n" + format(report) + "\n" + exchange);
    }
  }

  /**
   * For a request the document itself forbids: the answer has the expected status and conforms to
   * what the document says {@code documentedMethod} on that path answers, and the validator
   * refuses the request for each of {@code requestErrorKeys}, so code and document agree that it
   * is wrong.
   */
  private static void assertResponseConforms(Exchange exchange, int status, String documentedMethod,
      String... requestErrorKeys) {
    assertEquals(status, exchange.response().status(), () -> "unexpected answer to " + exchange);
    ValidationReport response = VALIDATOR.validateResponse(exchange.path(), Request.Method.valueOf(documentedMethod),
        exchange.simpleResponse());
    if (response.hasErrors()) {
      fail("the answer does not conform to openapi.yaml:\n" + format(response) + "\n" + exchange);
    }
    if (requestErrorKeys.length > 0) {
      ValidationReport request = VALIDATOR.validateRequest(exchange.request());
      Set<String> keys = errorKeys(request);
      for (String expected : requestErrorKeys) {
        assertTrue(keys.contains(expected), () -> "openapi.yaml should forbid this request (" + expected
            + ") as the function does; the validator said:\n" + format(request) + "\n" + exchange);
      }
    }
  }

  /** The validator must refuse an answer changed from a real one. */
  private static void assertResponseRefused(Exchange real, int status, String body, Map<String, List<String>> headers,
      String what) {
    SimpleResponse.Builder changed = new SimpleResponse.Builder(status).withBody(body);
    headers.forEach(changed::withHeader);
    ValidationReport report = VALIDATOR.validateResponse(real.path(), Request.Method.valueOf(real.method()),
        changed.build());
    assertTrue(report.hasErrors(), () -> "the validator accepted " + what + ": " + body);
  }

  private static Set<String> errorKeys(ValidationReport report) {
    Set<String> keys = new TreeSet<>();
    collectKeys(report.getMessages(), keys);
    return keys;
  }

  private static void collectKeys(List<ValidationReport.Message> messages, Set<String> keys) {
    for (ValidationReport.Message message : messages) {
      if (message.getLevel() == ValidationReport.Level.ERROR) {
        keys.add(message.getKey());
      }
      collectKeys(message.getNestedMessages(), keys);
    }
  }

  private static String format(ValidationReport report) {
    return SimpleValidationReportFormat.getInstance().apply(report) + "keys: " + errorKeys(report);
  }

  // --------------------------------------------------------------------------- the exchanges

  /** One real exchange with the dev server: the request as sent and the answer as received. */
  private record Exchange(String method, String function, Map<String, String> query, Map<String, String> headers,
      byte[] body, ApiResponse response) {

    String path() {
      return "/" + function;
    }

    SimpleRequest request() {
      SimpleRequest.Builder request = new SimpleRequest.Builder(method, path());
      query.forEach(request::withQueryParam);
      headers.forEach(request::withHeader);
      if (body != null) {
        request.withBody(body);
      }
      return request.build();
    }

    Map<String, List<String>> responseHeaders() {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      response.headers().map().forEach((name, values) -> {
        if (!name.startsWith(":")) {
          headers.put(name, values);
        }
      });
      return headers;
    }

    SimpleResponse simpleResponse() {
      SimpleResponse.Builder answer = new SimpleResponse.Builder(response.status());
      responseHeaders().forEach(answer::withHeader);
      if (!response.body().isEmpty()) {
        answer.withBody(response.body());
      }
      return answer.build();
    }

    @Override
    public String toString() {
      String sent = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return "request: " + method + " " + path() + " " + query + " " + headers.keySet() + " "
          + (sent.length() > 300 ? sent.substring(0, 300) + "…(" + sent.length() + " bytes)" : sent)
          + "\nanswer:  " + response.status() + " " + response.headers().map() + " " + response.body();
    }
  }

  /**
   * Sends one request as {@code client} (its credential, if any, as a Bearer token) on a
   * connection of its own. When a function answers without reading the request body (405, 401,
   * 413, …) the dev server may close the connection afterwards without saying so, and a pooled
   * connection would then fail the next request; a connection per exchange keeps each check
   * about the one exchange it makes.
   */
  private static Exchange send(ApiClient client, String method, String function, Map<String, String> query,
      byte[] body, Map<String, String> headers) {
    String queryString = query.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(LocalStackFixture.baseUrl() + "/" + function
            + (queryString.isEmpty() ? "" : "?" + queryString)))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    Map<String, String> sent = new LinkedHashMap<>(headers);
    if (client.bearer() != null) {
      sent.put("Authorization", "Bearer " + client.bearer());
    }
    sent.forEach(request::header);
    HttpClient connection = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    try {
      HttpResponse<String> answer = connection.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Exchange(method, function, Map.copyOf(query), sent, body,
          new ApiResponse(answer.statusCode(), answer.body(), answer.headers()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Exchange get(ApiClient client, String function, Map<String, String> query) {
    return send(client, "GET", function, query, null, Map.of());
  }

  private static Exchange post(ApiClient client, String function, String json) {
    return send(client, "POST", function, Map.of(), bytes(json), Map.of("Content-Type", "application/json"));
  }

  private static Exchange patch(ApiClient client, String agentId, String json, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    return send(client, "PATCH", "UpdateAgent", Map.of("agent_id", agentId), bytes(json), all);
  }

  private static Exchange delete(ApiClient client, String agentId, Map<String, String> headers) {
    return send(client, "DELETE", "DeleteAgent", Map.of("agent_id", agentId), null, headers);
  }

  private static Exchange oversize(ApiClient client, String function) {
    return send(client, "POST", function, Map.of(), oversizeBody(), Map.of("Content-Type", "application/json"));
  }

  /** A well-formed JSON object one byte over the body limit. */
  private static byte[] oversizeBody() {
    String head = "{\"name\": \"big\", \"configuration\": {\"blob\": \"";
    String tail = "\"}}";
    return bytes(head + "x".repeat(HttpLimits.MAX_BODY_BYTES + 1 - head.length() - tail.length()) + tail);
  }

  /** A CreateAgent body nested {@code depth} levels deep in all (the body object is level 1). */
  private static String nestedAgent(int depth) {
    StringBuilder json = new StringBuilder("{\"name\": \"deep\", \"configuration\": ");
    for (int level = 2; level < depth; level++) {
      json.append("{\"a\": ");
    }
    json.append("{\"leaf\": 1}");
    json.append("}".repeat(Math.max(0, depth - 2)));
    return json.append("}").toString();
  }

  private static String newAgent(ApiClient client, String name, String industry) {
    String body = industry == null
        ? "{\"name\": \"" + name + "\"}"
        : "{\"name\": \"" + name + "\", \"industry\": \"" + industry + "\"}";
    ApiResponse created = client.post("CreateAgent", body);
    assertEquals(201, created.status(), () -> "CreateAgent: " + created);
    return created.json().get("id").getAsString();
  }

  private static String newConversation(ApiClient client, String agentId) {
    return newConversation(client, agentId, "{}");
  }

  /** A new conversation with {@code agentId} and the fields of {@code fields}, a JSON object. */
  private static String newConversation(ApiClient client, String agentId, String fields) {
    JsonObject body = JsonParser.parseString(fields).getAsJsonObject();
    body.addProperty("agent_id", agentId);
    ApiResponse created = client.post("CreateConversation", body.toString());
    assertEquals(201, created.status(), () -> "CreateConversation: " + created);
    return created.json().get("id").getAsString();
  }

  private static String conversationBody(String conversationId) {
    return "{\"conversation_id\": \"" + conversationId + "\"}";
  }

  private static Exchange append(ApiClient client, String json) {
    return post(client, "AppendMessages", json);
  }

  private static Exchange deleteConversation(ApiClient client, String conversationId, Map<String, String> headers) {
    return send(client, "DELETE", "DeleteConversation", Map.of("conversation_id", conversationId), null, headers);
  }

  private static Exchange patchSettings(ApiClient client, String json, Map<String, String> query) {
    return send(client, "PATCH", "UpdateConversationSettings", query, bytes(json), Map.of("Content-Type", "application/json"));
  }

  /** The sequences of a ListMessages page, in the order listed. */
  private static List<Long> sequences(Exchange listed) {
    List<Long> sequences = new ArrayList<>();
    listed.response().json().getAsJsonArray("messages")
        .forEach(message -> sequences.add(message.getAsJsonObject().get("sequence").getAsLong()));
    return sequences;
  }

  private static String faqBody(String question, String answer) {
    JsonObject body = new JsonObject();
    body.addProperty("question", question);
    body.addProperty("answer", answer);
    return body.toString();
  }

  /** A JSON array of {@code count} distinct valid tags. */
  private static String tags(int count) {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tags.add("\"tag-" + i + "\"");
    }
    return "[" + String.join(", ", tags) + "]";
  }

  private static String newFaq(ApiClient client, String question, String category) {
    JsonObject body = new JsonObject();
    body.addProperty("question", question);
    body.addProperty("answer", "The answer to: " + question);
    body.addProperty("category", category);
    ApiResponse created = client.post("CreateFaq", body.toString());
    assertEquals(201, created.status(), () -> "CreateFaq: " + created);
    return created.json().get("id").getAsString();
  }

  private static Exchange patchFaq(ApiClient client, String faqId, String json, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    return send(client, "PATCH", "UpdateFaq", Map.of("faq_id", faqId), bytes(json), all);
  }

  private static Exchange deleteFaq(ApiClient client, String faqId, Map<String, String> headers) {
    return send(client, "DELETE", "DeleteFaq", Map.of("faq_id", faqId), null, headers);
  }

  /** The FAQ ids of a MatchFaq answer, best first. */
  private static List<String> matchedIds(Exchange matched) {
    List<String> ids = new ArrayList<>();
    matched.response().json().getAsJsonArray("matches")
        .forEach(match -> ids.add(match.getAsJsonObject().getAsJsonObject("faq").get("id").getAsString()));
    return ids;
  }

  /** The FAQ ids of a ListFaqs page, in the order listed. */
  private static List<String> faqIds(Exchange listed) {
    List<String> ids = new ArrayList<>();
    listed.response().json().getAsJsonArray("faqs").forEach(faq -> ids.add(faq.getAsJsonObject().get("id").getAsString()));
    return ids;
  }

  // ---------------------------------------------------------------------------------- helpers

  private static OpenAPI api() {
    return new OpenAPIV3Parser().readContents(SPEC, null, null).getOpenAPI();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String resource(String name) {
    try (InputStream in = OpenApiConformanceTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
