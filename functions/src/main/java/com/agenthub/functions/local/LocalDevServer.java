package com.agenthub.functions.local;

import com.google.cloud.functions.invoker.HttpFunctionExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves every HTTP function of the catalog at {@code /<name>} on 127.0.0.1, each through the
 * Functions Framework's own executor — the very classes and request/response code that run in
 * Cloud Functions. Also serves {@code /openapi.yaml} and, at {@code /}, the list of functions.
 */
public final class LocalDevServer implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;

  private LocalDevServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /**
   * Serves the functions alone, configured by environment variables (FIRESTORE_EMULATOR_HOST,
   * PLATFORM_ADMIN_TOKEN, …) against emulators started elsewhere. Prints "listening on URL".
   * Usage: {@code LocalDevServer [port]}.
   */
  public static void main(String[] args) throws Exception {
    LocalDevServer server = start(FunctionCatalog.load(), args.length > 0 ? Integer.parseInt(args[0]) : 8080);
    System.err.println("listening on " + server.baseUrl());
    Thread.currentThread().join();
  }

  /** Starts on 127.0.0.1:{@code port} (0 picks a free port). */
  public static LocalDevServer start(FunctionCatalog catalog, int port) throws Exception {
    Map<String, Handler> routes = new LinkedHashMap<>();
    for (FunctionCatalog.Entry entry : catalog.http()) {
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
    return new LocalDevServer(server, connector);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** Dispatches on the first path segment, as Cloud Functions gives each function its own URL. */
  private static final class Router extends Handler.Abstract {
    private final Map<String, Handler> routes;

    Router(Map<String, Handler> routes) {
      this.routes = routes;
      routes.values().forEach(this::installBean);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = Request.getPathInContext(request);
      String first = path.replaceFirst("^/", "").split("/", 2)[0];
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
