package com.agenthub.migrate.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 standing in for the API in the CLI's tests: every request is
 * recorded (its number, method, path and body) and answered with JSON by the test's function of it.
 */
public final class LocalApiServer implements AutoCloseable {

  /** One request as it arrived; {@code number} counts from 0. */
  public record Request(int number, String method, String path, String body) {}

  /** A JSON answer, with headers besides Content-Type. */
  public record Reply(int status, String json, Map<String, String> headers) {

    public Reply(int status, String json) {
      this(status, json, Map.of());
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();

  private LocalApiServer(Function<Request, Reply> answer) throws IOException {
    AtomicInteger numbers = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      Request request = new Request(numbers.getAndIncrement(), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      synchronized (requests) {
        requests.add(request);
      }
      Reply reply = answer.apply(request);
      byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      reply.headers().forEach(exchange.getResponseHeaders()::add);
      exchange.sendResponseHeaders(reply.status(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  public static LocalApiServer answering(Function<Request, Reply> answer) throws IOException {
    return new LocalApiServer(answer);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A client of this server with key "k", 5 s per call. */
  public PublicApi api(int maxAttempts) {
    return new PublicApi(baseUrl(), "k", maxAttempts, Duration.ofSeconds(5));
  }

  /** The requests so far, in the order they arrived. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
