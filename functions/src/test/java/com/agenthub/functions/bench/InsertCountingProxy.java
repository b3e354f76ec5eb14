package com.agenthub.functions.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of bigquery-local, so the benchmark can count
 * and time the insertAll requests the pipeline's own (unreachable, per-JVM) BigQuery client sends
 * to one table: how many, how long bigquery-local took for each, when the last one answered.
 * Bytes go through untouched (gzip included); its own cost per request is measured too.
 */
final class InsertCountingProxy implements AutoCloseable {

  /** Headers the JDK client sets itself or refuses; the rest go through as sent. */
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

  /** What the proxy saw of one table's insertAll requests since the last {@link #reset}. */
  record Window(int requests, int failed, long upstreamNanos, long handlerNanos, long firstStartNanos,
      long lastEndNanos) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final HttpClient http;
  private final String upstream;
  private final String insertPath;

  private int requests;
  private int failed;
  private long upstreamNanos;
  private long handlerNanos;
  private long firstStartNanos;
  private long lastEndNanos;

  private InsertCountingProxy(HttpServer server, ExecutorService threads, String upstream, String table) {
    this.server = server;
    this.threads = threads;
    this.upstream = upstream.replaceFirst("/$", "");
    this.insertPath = "/tables/" + table + "/insertAll";
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Listens on 127.0.0.1 (free port) and forwards everything to {@code upstream} ({@code http://127.0.0.1:PORT}). */
  static InsertCountingProxy start(String upstream, String table) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "bq-proxy");
      t.setDaemon(true);
      return t;
    });
    InsertCountingProxy proxy = new InsertCountingProxy(server, threads, upstream, table);
    server.createContext("/", proxy::handle);
    server.setExecutor(threads);
    server.start();
    return proxy;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized void reset() {
    requests = 0;
    failed = 0;
    upstreamNanos = 0;
    handlerNanos = 0;
    firstStartNanos = 0;
    lastEndNanos = 0;
  }

  synchronized Window window() {
    return new Window(requests, failed, upstreamNanos, handlerNanos, firstStartNanos, lastEndNanos);
  }

  private void handle(HttpExchange exchange) throws IOException {
    long began = System.nanoTime();
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
          .timeout(Duration.ofSeconds(120))
          .method(exchange.getRequestMethod(), body.length == 0 && !"POST".equals(exchange.getRequestMethod())
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase())) {
          values.forEach(value -> request.header(name, value));
        }
      });
      long sent = System.nanoTime();
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      long answered = System.nanoTime();
      for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
        if (!HOP_BY_HOP.contains(header.getKey().toLowerCase()) && !header.getKey().startsWith(":")) {
          exchange.getResponseHeaders().put(header.getKey(), header.getValue());
        }
      }
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
      if (exchange.getRequestURI().getPath().endsWith(insertPath)) {
        record(sent, answered, began, response.statusCode());
      }
    }
  }

  private synchronized void record(long sent, long answered, long began, int status) {
    if (requests == 0 || sent < firstStartNanos) {
      firstStartNanos = sent;
    }
    requests++;
    if (status / 100 != 2) {
      failed++;
    }
    upstreamNanos += answered - sent;
    handlerNanos += System.nanoTime() - began;
    lastEndNanos = Math.max(lastEndNanos, answered);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
