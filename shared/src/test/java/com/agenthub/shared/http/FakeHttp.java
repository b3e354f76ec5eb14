package com.agenthub.shared.http;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Minimal in-memory HttpRequest/HttpResponse for unit tests of the HTTP conventions and of functions. */
public final class FakeHttp {

  private FakeHttp() {}

  public record Request(String method, Map<String, List<String>> headers, byte[] body) implements HttpRequest {
    @Override public String getMethod() { return method; }
    @Override public String getUri() { return "http://localhost/Test"; }
    @Override public String getPath() { return "/Test"; }
    @Override public Optional<String> getQuery() { return Optional.empty(); }
    @Override public Map<String, List<String>> getQueryParameters() { return Map.of(); }
    @Override public Map<String, HttpPart> getParts() { return Map.of(); }
    @Override public Optional<String> getContentType() { return getFirstHeader("Content-Type"); }
    @Override public long getContentLength() { return body.length; }
    @Override public Optional<String> getCharacterEncoding() { return Optional.empty(); }
    @Override public InputStream getInputStream() { return new ByteArrayInputStream(body); }
    @Override public BufferedReader getReader() { return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8)); }
    @Override public Map<String, List<String>> getHeaders() { return headers; }
  }

  public static final class Response implements HttpResponse {
    int status = 200;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public int status() {
      return status;
    }

    @Override public void setStatusCode(int code) { status = code; }
    @Override public void setStatusCode(int code, String message) { status = code; }
    @Override public void setContentType(String type) { appendHeader("Content-Type", type); }
    @Override public Optional<String> getContentType() { return Optional.ofNullable(headers.get("Content-Type")).map(l -> l.get(0)); }
    @Override public void appendHeader(String name, String value) { headers.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value); }
    @Override public Map<String, List<String>> getHeaders() { return headers; }
    @Override public OutputStream getOutputStream() { return body; }
    @Override public BufferedWriter getWriter() { return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8)); }

    public String text() {
      return body.toString(StandardCharsets.UTF_8);
    }
  }
}
