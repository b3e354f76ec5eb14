package com.agenthub.shared.http;

import com.agenthub.shared.auth.Principal;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.google.cloud.functions.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One authenticated request, as a handler sees it. */
public final class ApiCall {

  private final HttpRequest request;
  private final Principal principal;
  private JsonFields body;
  private String rawBody;
  private final int maxBodyBytes;

  ApiCall(HttpRequest request, Principal principal, int maxBodyBytes) {
    this.request = request;
    this.principal = principal;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The caller's organization, from its API key; never from the body or the query. */
  public String organizationId() {
    return principal.organizationId()
        .orElseThrow(() -> ApiError.of(ErrorKind.INTERNAL, "this operation needs an organization key"));
  }

  /** The verified credential: its scopes, its user and role if it belongs to one, or the platform admin. */
  public Principal principal() {
    return principal;
  }

  public boolean platformAdmin() {
    return principal.isPlatformAdmin();
  }

  /** The JSON body, read and parsed on first use. */
  public JsonFields body() {
    if (body == null) {
      body = new JsonFields(JsonBodyReader.read(request, maxBodyBytes));
    }
    return body;
  }

  /**
   * The body exactly as sent (a JSON content type, UTF-8, within the size limit), for handlers
   * that verify a signature over its bytes before parsing it.
   */
  public String rawBody() {
    if (rawBody == null) {
      rawBody = JsonBodyReader.readRaw(request, maxBodyBytes);
    }
    return rawBody;
  }

  /** True once the whole body was read. */
  boolean bodyParsed() {
    return body != null || rawBody != null;
  }

  public String queryString() {
    return request.getQuery().orElse("");
  }

  public QueryParameters query() {
    return new QueryParameters(request.getQueryParameters());
  }

  public Optional<String> header(String name) {
    return header(request, name);
  }

  static Optional<String> header(HttpRequest request, String name) {
    for (Map.Entry<String, List<String>> entry : request.getHeaders().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
        return Optional.of(entry.getValue().get(0));
      }
    }
    return Optional.empty();
  }
}
