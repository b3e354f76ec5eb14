package com.agenthub.shared.adapter.stripe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for api.stripe.com on 127.0.0.1: answers each request with a fixture file of
 * Stripe's published response shapes (chosen by a route function), and records what was asked.
 */
final class StripeFixtureServer implements AutoCloseable {

  /** One request as the adapter sent it: form fields decoded, the headers that matter. */
  record Recorded(String method, String path, Map<String, String> form, String idempotencyKey, String authorization) {}

  /** What to answer: a status and a fixture file under /stripe/. */
  record Answer(int status, String fixture) {}

  private final HttpServer server;
  final List<Recorded> requests = new CopyOnWriteArrayList<>();

  StripeFixtureServer(Function<Recorded, Answer> route) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), form(body),
          exchange.getRequestHeaders().getFirst("Idempotency-Key"), exchange.getRequestHeaders().getFirst("Authorization"));
      requests.add(request);
      Answer answer = route.apply(request);
      byte[] json = fixture(answer.fixture());
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("Request-Id", "req_fixture");
      exchange.sendResponseHeaders(answer.status(), json.length);
      exchange.getResponseBody().write(json);
      exchange.close();
    });
    server.start();
  }

  String apiBase() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (!body.isEmpty()) {
      for (String pair : body.split("&")) {
        String[] parts = pair.split("=", 2);
        fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
      }
    }
    return fields;
  }

  private static byte[] fixture(String name) {
    try (InputStream in = StripeFixtureServer.class.getResourceAsStream("/stripe/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
