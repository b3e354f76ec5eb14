package com.agenthub.functions.local;

import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.adapter.pubsub.PubSubConnection;
import com.google.cloud.functions.invoker.HttpFunctionExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves every function of the catalog at {@code /<name>} on 127.0.0.1, each through the
 * Functions Framework's own executor — the very classes and request/response code that run in
 * Cloud Functions. Every function is an HTTP function; a topic-triggered one takes the Pub/Sub
 * push envelope. Given a Pub/Sub connection, the server also delivers each topic's messages to
 * them as push requests ({@link TopicDelivery}).
 * Also serves {@code /openapi.yaml} and, at {@code /}, the list of functions.
 */
public final class LocalDevServer implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;
  private final Optional<TopicDelivery> delivery;
  private final Optional<LocalScheduler> scheduler;

  private LocalDevServer(Server server, ServerConnector connector, Optional<TopicDelivery> delivery,
      Optional<LocalScheduler> scheduler) {
    this.server = server;
    this.connector = connector;
    this.delivery = delivery;
    this.scheduler = scheduler;
  }

  /**
   * Serves the functions alone, configured by environment variables (FIRESTORE_EMULATOR_HOST,
   * PUBSUB_EMULATOR_HOST, PLATFORM_ADMIN_TOKEN, …) against emulators started elsewhere; with
   * PUBSUB_EMULATOR_HOST set it also delivers Pub/Sub messages and ticks scheduled functions,
   * unless {@code --no-delivery} (a second server beside a stack that already delivers).
   * Prints "listening on URL". Usage: {@code LocalDevServer [port] [--no-delivery]}.
   */
  public static void main(String[] args) throws Exception {
    boolean deliver = !java.util.Arrays.asList(args).contains("--no-delivery");
    LocalDevServer server = start(FunctionCatalog.load(), args.length > 0 ? Integer.parseInt(args[0]) : 8080,
        deliver ? emulatorFromSettings() : Optional.empty());
    System.err.println("listening on " + server.baseUrl());
    Thread.currentThread().join();
  }

  /** The Pub/Sub emulator named by PUBSUB_EMULATOR_HOST, if set; the caller closes the connection. */
  public static Optional<PubSubConnection> emulatorFromSettings() {
    return Settings.get(Settings.PUBSUB_EMULATOR_HOST)
        .map(host -> PubSubConnection.to(Settings.projectId(), Optional.of(host)));
  }

  /** Starts on 127.0.0.1:{@code port} (0 picks a free port), without Pub/Sub delivery. */
  public static LocalDevServer start(FunctionCatalog catalog, int port) throws Exception {
    return start(catalog, port, Optional.empty());
  }

  /**
   * Starts on 127.0.0.1:{@code port} (0 picks a free port) and, given a connection (normally to
   * the emulator), delivers each topic's messages to the functions it triggers. The connection
   * stays the caller's to close, after this server.
   */
  public static LocalDevServer start(FunctionCatalog catalog, int port, Optional<PubSubConnection> pubsub)
      throws Exception {
    Map<String, Handler> routes = new LinkedHashMap<>();
    for (FunctionCatalog.Entry entry : catalog.functions()) {
      routes.put(entry.name(), HttpFunctionExecutor.forClass(Class.forName(entry.entryPoint())));
    }
    QueuedThreadPool threads = new QueuedThreadPool(512, 8);
    threads.setName("dev-server");
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    routes.values().forEach(handler -> handler.setServer(server));
    server.setHandler(new Router(routes));
    server.start();
    // The simulated payment processor posts its signed webhooks here, as Stripe would to the deployed function.
    if (Settings.get(Settings.PAYMENTS_SIMULATOR_WEBHOOK_URL).isEmpty()) {
      System.setProperty(Settings.PAYMENTS_SIMULATOR_WEBHOOK_URL, baseUrl(connector) + "/HandlePaymentWebhook");
    }
    try {
      Optional<TopicDelivery> delivery = pubsub.map(connection -> TopicDelivery.start(catalog, connection, baseUrl(connector)));
      return new LocalDevServer(server, connector, delivery,
          pubsub.map(connection -> LocalScheduler.start(catalog, connection)));
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
  }

  public String baseUrl() {
    return baseUrl(connector);
  }

  private static String baseUrl(ServerConnector connector) {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    // Delivery first: its in-flight requests need the server to finish.
    scheduler.ifPresent(LocalScheduler::close);
    delivery.ifPresent(TopicDelivery::close);
    server.stop();
  }

  /** Dispatches on the first path segment, as Cloud Functions gives each function its own URL. */
  private static final class Router extends Handler.Abstract {
    private final Map<String, Handler> routes;

    Router(Map<String, Handler> routes) {
      this.routes = routes;
      routes.values().forEach(this::installBean);
    }

    /** "/CreateAgent/x" -> "CreateAgent" (no regex: this runs on every request). */
    private static String firstSegment(String path) {
      int from = path.startsWith("/") ? 1 : 0;
      int slash = path.indexOf('/', from);
      return slash < 0 ? path.substring(from) : path.substring(from, slash);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = Request.getPathInContext(request);
      String first = firstSegment(path);
      Handler function = routes.get(first);
      if (function != null) {
        return function.handle(request, response, callback);
      }
      if (path.equals("/openapi.yaml")) {
        return send(response, callback, 200, "application/yaml", openApi());
      }
      if (path.equals("/") || path.isEmpty()) {
        String list = String.join("\", \"", routes.keySet());
        return send(response, callback, 200, "application/json", "{\"functions\": [\"" + list + "\"]}");
      }
      return send(response, callback, 404, "application/json",
          "{\"error\": {\"code\": \"not_found\", \"message\": \"no function at " + first.replace("\"", "")
              + "; GET / lists them\", \"field\": null}}");
    }

    private static String openApi() throws IOException {
      try (InputStream in = LocalDevServer.class.getResourceAsStream("/openapi.yaml")) {
        return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    private static boolean send(Response response, Callback callback, int status, String type, String body) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
      response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
  }
}
