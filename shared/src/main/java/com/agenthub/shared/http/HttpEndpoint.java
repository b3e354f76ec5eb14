package com.agenthub.shared.http;

import com.agenthub.shared.auth.Authenticator;
import com.agenthub.shared.auth.Principal;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.concurrency.BeforeReply;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.idempotency.IdempotencyKeys;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.port.EmbedderException;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.WarehouseException;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP conventions every function shares, in one place: method check, authentication, JSON
 * replies, the error body {@code {"error": {"code", "message", "field"}}}, status mapping and one
 * structured log line. Whatever the input, the caller gets a JSON answer and never a stack trace.
 */
public final class HttpEndpoint {

  /**
   * Which credential an operation requires, besides an organization key with a scope (see
   * {@link #of(String, String, Scope, Authenticator, Handler)}). SIGNED_REQUEST: none here; the
   * handler verifies a signature over the raw body (a processor's webhook) before it trusts anything in it.
   */
  public enum Access { PLATFORM_ADMIN, SIGNED_REQUEST }

  /** Whether a request must carry an Idempotency-Key. */
  private enum KeyPolicy { NONE, OPTIONAL, REQUIRED }

  @FunctionalInterface
  public interface Handler {
    ApiReply handle(ApiCall call);
  }

  private final String function;
  private final String method;
  private final Optional<Access> access;
  private final Optional<Scope> scope;
  private final boolean platformAdminToo;
  private final Authenticator authenticator;
  private final Handler handler;
  private final Optional<IdempotencyKeys> idempotency;
  private final KeyPolicy keyPolicy;
  private final int maxBodyBytes;

  private HttpEndpoint(String function, String method, Optional<Access> access, Optional<Scope> scope,
      boolean platformAdminToo, Authenticator authenticator, Handler handler, Optional<IdempotencyKeys> idempotency,
      KeyPolicy keyPolicy, int maxBodyBytes) {
    this.function = function;
    this.method = method;
    this.access = access;
    this.scope = scope;
    this.platformAdminToo = platformAdminToo;
    this.authenticator = authenticator;
    this.handler = handler;
    this.idempotency = idempotency;
    this.keyPolicy = keyPolicy;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** An operation of an organization, for its API keys that carry {@code scope} (else 403 naming it). */
  public static HttpEndpoint of(String function, String method, Scope scope, Authenticator authenticator, Handler handler) {
    return new HttpEndpoint(function, method, Optional.empty(), Optional.of(scope), false, authenticator, handler,
        Optional.empty(), KeyPolicy.NONE, HttpLimits.MAX_BODY_BYTES);
  }

  /** An operation for the platform admin, or one whose request proves itself. */
  public static HttpEndpoint of(String function, String method, Access access, Authenticator authenticator, Handler handler) {
    return new HttpEndpoint(function, method, Optional.of(access), Optional.empty(), false, authenticator, handler,
        Optional.empty(), KeyPolicy.NONE, HttpLimits.MAX_BODY_BYTES);
  }

  /** Honours an {@code Idempotency-Key} header: a retried request replays the first reply. */
  public HttpEndpoint idempotent(IdempotencyKeys keys) {
    return new HttpEndpoint(function, method, access, scope, platformAdminToo, authenticator, handler, Optional.of(keys),
        KeyPolicy.OPTIONAL, maxBodyBytes);
  }

  /** As {@link #idempotent}, and a request without an Idempotency-Key is refused (400): for operations that move money. */
  public HttpEndpoint idempotencyKeyRequired(IdempotencyKeys keys) {
    return new HttpEndpoint(function, method, access, scope, platformAdminToo, authenticator, handler, Optional.of(keys),
        KeyPolicy.REQUIRED, maxBodyBytes);
  }

  /**
   * Also accepts the platform admin credential (the handler sees {@link ApiCall#platformAdmin()}
   * and names the organization itself): for operations on an organization that only the platform may do some of.
   */
  public HttpEndpoint orPlatformAdmin() {
    return new HttpEndpoint(function, method, access, scope, true, authenticator, handler, idempotency, keyPolicy, maxBodyBytes);
  }

  /**
   * Accepts request bodies up to {@code bytes} instead of {@link HttpLimits#MAX_BODY_BYTES}: for
   * operations whose one field may itself be that large (a document's content), so the field's
   * own limit, not the body's, is what a caller meets.
   */
  public HttpEndpoint withMaxBodyBytes(int bytes) {
    return new HttpEndpoint(function, method, access, scope, platformAdminToo, authenticator, handler, idempotency, keyPolicy, bytes);
  }

  public String function() {
    return function;
  }

  public String method() {
    return method;
  }

  /** The scope an organization key needs here; empty for platform-admin and signed-request operations. */
  public Optional<Scope> scope() {
    return scope;
  }

  private Principal authenticate(Optional<String> authorization) {
    if (access.isPresent()) {
      return switch (access.get()) {
        case PLATFORM_ADMIN -> authenticator.platformAdmin(authorization);
        case SIGNED_REQUEST -> Principal.unverified();
      };
    }
    Principal principal = platformAdminToo
        ? authenticator.organizationOrPlatformAdmin(authorization)
        : authenticator.organization(authorization);
    if (!principal.isPlatformAdmin() && !principal.has(scope.orElseThrow())) {
      throw ApiError.withField(ErrorKind.FORBIDDEN, "scope", function + " needs the scope '" + scope.get().wire()
          + "', which this API key does not carry");
    }
    return principal;
  }

  public void serve(HttpRequest request, HttpResponse response) {
    long started = System.nanoTime();
    Optional<String> organization = Optional.empty();
    Optional<Throwable> defect = Optional.empty();
    ApiReply reply = null;
    ApiError error = null;
    ApiCall call = null;
    // Work the handler started alongside (the outbox relay) ends here, before the reply goes out.
    BeforeReply.Scope alongside = BeforeReply.open();
    try {
      if (!method.equalsIgnoreCase(request.getMethod())) {
        throw ApiError.of(ErrorKind.METHOD_NOT_ALLOWED, function + " accepts " + method + " only");
      }
      Optional<String> authorization = ApiCall.header(request, "Authorization");
      Principal principal = authenticate(authorization);
      organization = principal.organizationId();
      call = new ApiCall(request, principal, maxBodyBytes);
      if (method.equals("POST")) {
        call.query().rejectUnknown(java.util.Set.of());
      }
      Optional<String> keyHeader = idempotency.isPresent() ? call.header(IdempotencyKeys.FIELD) : Optional.empty();
      if (keyPolicy == KeyPolicy.REQUIRED && keyHeader.isEmpty()) {
        throw ApiError.invalid(IdempotencyKeys.FIELD, function + " moves money: send an Idempotency-Key header "
            + "(e.g. a UUID) so that a retry cannot do it twice");
      }
      // Keys are kept per organization; a caller without one (the platform admin) is not replayed.
      Optional<String> idempotencyKey = principal.organizationId().isPresent() ? keyHeader : Optional.empty();
      reply = idempotencyKey.isPresent() ? handleOnce(call, idempotencyKey.get()) : handler.handle(call);
    } catch (ApiError e) {
      error = e;
    } catch (StoreException e) {
      error = fromStore(e);
      if (error.kind() == ErrorKind.INTERNAL) {
        defect = Optional.of(e);
      }
    } catch (WarehouseException e) {
      error = fromWarehouse(e);
      if (error.kind() == ErrorKind.INTERNAL) {
        defect = Optional.of(e);
      }
    } catch (EmbedderException e) {
      error = fromEmbedder(e);
      if (error.kind() == ErrorKind.INTERNAL) {
        defect = Optional.of(e);
      }
    } catch (RuntimeException e) {
      error = ApiError.of(ErrorKind.INTERNAL, "internal error; it has been logged");
      defect = Optional.of(e);
    } finally {
      alongside.close();
    }
    if (error != null) {
      reply = errorReply(error);
      if (error.kind() == ErrorKind.METHOD_NOT_ALLOWED) {
        reply = reply.withHeader("Allow", method);
      }
    } else {
      reply = reply == null ? errorReply(ApiError.of(ErrorKind.INTERNAL, "no reply")) : reply;
    }
    if (!(call != null && call.bodyParsed()) && !drained(request)) {
      // An unread body left on the connection would corrupt the next request on it.
      reply = reply.withHeader("Connection", "close");
    }
    write(response, reply);
    RequestLog.write(function, request.getMethod(), reply.status(), System.nanoTime() - started,
        TraceContext.of(request), ApiCall.header(request, "Function-Execution-Id"), organization,
        Optional.ofNullable(error).map(e -> e.kind().code()), Optional.ofNullable(error).map(Throwable::getMessage),
        defect);
  }

  private ApiReply handleOnce(ApiCall call, String key) {
    IdempotencyKeys keys = idempotency.orElseThrow();
    String organization = call.organizationId();
    String requestHash = Sha256.hex(request(call));
    Optional<IdempotencyKeys.Reply> earlier = keys.claim(organization, function, IdempotencyKeys.requireValid(key), requestHash);
    if (earlier.isPresent()) {
      return new ApiReply(earlier.get().status(), JsonParser.parseString(earlier.get().body()), earlier.get().headers())
          .withHeader("Idempotent-Replayed", "true");
    }
    ApiReply reply;
    try {
      reply = handler.handle(call);
    } catch (RuntimeException failed) {
      keys.release(organization, function, key);
      throw failed;
    }
    if (reply.status() < 300 && reply.body() != null) {
      keys.complete(organization, function, key, new IdempotencyKeys.Reply(reply.status(), Json.GSON.toJson(reply.body()),
          replayedHeaders(reply)));
    } else {
      keys.release(organization, function, key);
    }
    return reply;
  }

  /** The headers that describe the resource in a reply, so its replay describes it the same way. */
  private static Map<String, String> replayedHeaders(ApiReply reply) {
    Map<String, String> kept = new java.util.LinkedHashMap<>();
    reply.headers().forEach((name, value) -> {
      if (name.equalsIgnoreCase("ETag") || name.equalsIgnoreCase("Location")) {
        kept.put(name, value);
      }
    });
    return kept;
  }

  /** What makes two requests "the same" for idempotency: the query and the parsed body. */
  private static String request(ApiCall call) {
    return call.queryString() + "\n" + Json.GSON.toJson(call.body().asJson());
  }

  /** Reads what was left of the body (after an early 401, 405, 413 or 415); false if too much is left. */
  private boolean drained(HttpRequest request) {
    if (request.getContentLength() == 0) {
      return true;
    }
    try {
      return request.getInputStream().readNBytes(maxBodyBytes + 1).length <= maxBodyBytes;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /** Store failures that reach this far were not expected by the use case. */
  private static ApiError fromStore(StoreException e) {
    return switch (e.reason()) {
      case UNAVAILABLE -> ApiError.of(ErrorKind.UNAVAILABLE, "the database is unavailable; retry later");
      case CONTENTION -> ApiError.of(ErrorKind.UNAVAILABLE, "too many concurrent changes; retry later");
      case REJECTED -> ApiError.of(ErrorKind.UNPROCESSABLE, "the database refused the data (too large or invalid)");
      case ALREADY_EXISTS -> ApiError.of(ErrorKind.CONFLICT, "it already exists");
      default -> ApiError.of(ErrorKind.INTERNAL, "internal error; it has been logged");
    };
  }

  /** A model over quota or down is the caller's to retry; a refused request or answer is ours to fix. */
  private static ApiError fromEmbedder(EmbedderException e) {
    return e.reason() == EmbedderException.Reason.UNAVAILABLE
        ? ApiError.of(ErrorKind.UNAVAILABLE, "the embedding model is unavailable; retry later")
        : ApiError.of(ErrorKind.INTERNAL, "internal error; it has been logged");
  }

  /** An outage is the caller's to retry; a refused query is our defect. */
  private static ApiError fromWarehouse(WarehouseException e) {
    return e.isTransient()
        ? ApiError.of(ErrorKind.UNAVAILABLE, "the analytics warehouse is unavailable; retry later")
        : ApiError.of(ErrorKind.INTERNAL, "internal error; it has been logged");
  }

  /** The reply every function gives for {@code error}: its status and {@code {"error": {"code", "message", "field"}}}. */
  public static ApiReply errorReply(ApiError error) {
    JsonObject body = new JsonObject();
    body.add("error", ErrorJson.detail(error));
    ApiReply reply = new ApiReply(HttpStatus.of(error.kind()), body, Map.of());
    return error.kind() == ErrorKind.UNAVAILABLE ? reply.withHeader("Retry-After", "1") : reply;
  }

  /**
   * Writes {@code reply} as every function answers: status, headers, {@code Cache-Control: no-store}
   * and the JSON body if any. For functions that are not one endpoint (Pub/Sub push).
   */
  public static void write(HttpResponse response, ApiReply reply) {
    response.setStatusCode(reply.status());
    reply.headers().forEach(response::appendHeader);
    response.appendHeader("Cache-Control", "no-store");
    if (reply.body() == null) {
      return;
    }
    response.setContentType("application/json; charset=utf-8");
    try (OutputStream out = response.getOutputStream()) {
      out.write(Json.GSON.toJson(reply.body()).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The client went away; there is no one left to tell.
    }
  }
}
