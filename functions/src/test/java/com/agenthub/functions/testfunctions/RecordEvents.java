package com.agenthub.functions.testfunctions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A wire probe: records every push request exactly as it arrives (method, headers, body) and
 * answers 204, so tests see what Pub/Sub push — or the dev server — really sends.
 */
public class RecordEvents implements HttpFunction {
  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    Map<String, List<String>> headers = new TreeMap<>();
    request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Deliveries.record(getClass().getSimpleName(),
        new Deliveries.Request(request.getMethod(), headers, JsonParser.parseString(body).getAsJsonObject()));
    response.setStatusCode(204);
  }
}
