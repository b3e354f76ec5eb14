package com.agenthub.migrate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a key check asks and how it reads the answers, against a real HTTP server on 127.0.0.1 that answers per function. */
class KeyCheckTest {

  private LocalApiServer server;

  private PublicApi serve(Map<String, Integer> statusByFunction) throws Exception {
    server = LocalApiServer.answering(request -> {
      String function = request.path().substring(1);
      int status = statusByFunction.get(function);
      return new LocalApiServer.Reply(status, "{\"error\": {\"code\": \"c\", \"message\": \"" + function + " answered " + status
          + "\", \"field\": null}}");
    });
    return server.api(1);
  }

  /** What each request carried, by "METHOD Function". */
  private Map<String, String> bodies() {
    return server.requests().stream().collect(Collectors.toMap(r -> r.method() + " " + r.path().substring(1), LocalApiServer.Request::body));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aRefusedRequestMeansTheKeyMayCallAndEverythingElseIsNamed() throws Exception {
    PublicApi api = serve(Map.of("CreateAgents", 400, "EmbedTexts", 403, "InsertRows", 422, "GetTable", 200, "TrackEvents", 201,
        "CreateFaqs", 404));
    List<KeyCheck.Refusal> refusals = KeyCheck.refusals(api, List.of(Endpoint.post("CreateAgents"), Endpoint.post("EmbedTexts"),
        Endpoint.post("InsertRows"), Endpoint.get("GetTable"), Endpoint.post("TrackEvents"), Endpoint.post("CreateFaqs")));
    assertEquals(List.of("EmbedTexts (403): EmbedTexts answered 403", "TrackEvents (201): TrackEvents answered 201",
        "CreateFaqs (404): CreateFaqs answered 404"), refusals.stream().map(KeyCheck.Refusal::toString).toList(),
        "400/422 and a read's 200 pass; a 403, a 404 and a POST that succeeded (it wrote something) do not");
    assertEquals("[]", bodies().get("POST CreateAgents"), "a body no function accepts");
    assertEquals("", bodies().get("GET GetTable"));
  }

  @Test
  void theScopesTheRefusalsNameAreSummedUpOnceEach() {
    List<KeyCheck.Refusal> refusals = List.of(
        new KeyCheck.Refusal(Endpoint.post("CreateFaqs"), 403, "CreateFaqs needs the scope 'knowledge:write'; this key has [agents:write]"),
        new KeyCheck.Refusal(Endpoint.post("CreateDocument"), 403, "CreateDocument needs the scope 'knowledge:write'; this key has …"),
        new KeyCheck.Refusal(Endpoint.get("GetTable"), 403, "GetTable needs the scope 'tables:read'"),
        new KeyCheck.Refusal(Endpoint.post("TrackEvents"), 201, "needs the scope 'not:this'"),
        new KeyCheck.Refusal(Endpoint.post("CreateAgents"), 404, "not found"));
    assertEquals(java.util.Set.of("knowledge:write", "tables:read"), KeyCheck.missingScopes(refusals));
  }
}
