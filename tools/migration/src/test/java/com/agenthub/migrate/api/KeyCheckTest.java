package com.agenthub.migrate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a key check asks and how it reads the answers, against a real HTTP server on 127.0.0.1 that answers per function. */
class KeyCheckTest {

  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private HttpServer server;

  private PublicApi serve(Map<String, Integer> statusByFunction) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String function = exchange.getRequestURI().getPath().substring(1);
      bodies.put(exchange.getRequestMethod() + " " + function, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      int status = statusByFunction.get(function);
      byte[] answer = ("{\"error\": {\"code\": \"c\", \"message\": \"" + function + " answered " + status + "\", \"field\": null}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    return new PublicApi("http://127.0.0.1:" + server.getAddress().getPort(), "key", 1, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
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
    assertEquals("[]", bodies.get("POST CreateAgents"), "a body no function accepts");
    assertEquals("", bodies.get("GET GetTable"));
  }
}
