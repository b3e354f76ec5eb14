package com.agenthub.functions;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A topic-triggered function: an HTTP function that Pub/Sub pushes its topic's messages to. In
 * production its push subscription {@code <Function>-sub} is Terraform's (OIDC-authenticated, with
 * the catalog's retry and dead-letter policies); locally the dev server pulls and POSTs the same
 * envelope ({@link PubSubEnvelope}). The answer is the whole contract with Pub/Sub:
 * <ul>
 *   <li><b>204</b>: {@link #receive} returned; the message is acknowledged.
 *   <li><b>204</b> too for a body that is not a readable push envelope: it goes to
 *       {@link #receiveUnreadable} (which keeps or logs it) and is acknowledged, since no retry
 *       could make it readable.
 *   <li><b>500</b> with a JSON error body, and an ERROR log line: the subclass threw; Pub/Sub
 *       redelivers with backoff and dead-letters the message after the last attempt.
 *   <li><b>405</b> (with {@code Allow: POST}) for any other method; <b>413</b> for a body larger
 *       than any push (Pub/Sub retries it and dead-letters it, whole).
 * </ul>
 * Error bodies are {@code {"error": {"code", "message", "field"}}}, as every function answers.
 * The function checks no credential itself: in production only the subscription's OIDC identity
 * may invoke it (no public invoker, internal ingress), which the platform enforces.
 */
public abstract class PubSubPushFunction implements HttpFunction {

  /** A push body is at most a 10 MB message in base64 (~13.4 MB) plus its attributes. */
  static final int MAX_PUSH_BYTES = 16 * 1024 * 1024;

  private final String name;

  protected PubSubPushFunction(String name) {
    this.name = name;
  }

  /** Handles one message; returning acknowledges it, throwing has it redelivered. */
  protected abstract void receive(IncomingMessage message);

  /**
   * Handles a body that is not a readable push envelope, as {@link PubSubEnvelope#unreadable}
   * makes it a message. By default logs it as an ERROR; returning acknowledges it, throwing has
   * it redelivered.
   */
  protected void receiveUnreadable(IncomingMessage whole, UndecodableMessageException problem) {
    StructuredLog.error(name + " acknowledged a push body it cannot read: " + problem.getMessage(),
        Map.of("consumer", name, "message_id", whole.messageId()), null);
  }

  @Override
  public final void service(HttpRequest request, HttpResponse response) {
    if (!"POST".equalsIgnoreCase(request.getMethod())) {
      refuse(response, ErrorKind.METHOD_NOT_ALLOWED, name + " accepts POST only: Pub/Sub pushes messages to it",
          Map.of("Allow", "POST"));
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("consumer", name);
    try {
      Optional<byte[]> body = readBody(request);
      if (body.isEmpty()) {
        refuse(response, ErrorKind.PAYLOAD_TOO_LARGE, "the body is larger than any Pub/Sub push (" + MAX_PUSH_BYTES + " bytes)",
            Map.of("Connection", "close"));
        return;
      }
      try {
        PubSubEnvelope envelope = PubSubEnvelope.read(name, body.get());
        fields.put("message_id", envelope.message().messageId());
        envelope.subscription().ifPresent(s -> fields.put("subscription", s));
        envelope.deliveryAttempt().ifPresent(a -> fields.put("delivery_attempt", a));
        receive(envelope.message());
      } catch (UndecodableMessageException unreadable) {
        IncomingMessage whole = PubSubEnvelope.unreadable(name, body.get());
        fields.put("message_id", whole.messageId());
        receiveUnreadable(whole, unreadable);
      }
    } catch (IOException | RuntimeException e) {
      StructuredLog.error(name + " failed; Pub/Sub will redeliver the message: " + e.getMessage(), fields, e);
      HttpEndpoint.write(response, HttpEndpoint.errorReply(ApiError.of(ErrorKind.INTERNAL,
          name + " could not process message " + fields.getOrDefault("message_id", "(unread)") + "; it will be redelivered")));
      return;
    }
    HttpEndpoint.write(response, ApiReply.noContent());
  }

  /** The body, or empty if it is larger than any push. */
  private static Optional<byte[]> readBody(HttpRequest request) throws IOException {
    if (request.getContentLength() > MAX_PUSH_BYTES) {
      return Optional.empty();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_PUSH_BYTES + 1);
      return bytes.length > MAX_PUSH_BYTES ? Optional.empty() : Optional.of(bytes);
    }
  }

  private void refuse(HttpResponse response, ErrorKind kind, String message, Map<String, String> headers) {
    StructuredLog.warning(name + " refused a request: " + message, Map.of("consumer", name));
    ApiReply reply = HttpEndpoint.errorReply(ApiError.of(kind, message));
    for (Map.Entry<String, String> header : headers.entrySet()) {
      reply = reply.withHeader(header.getKey(), header.getValue());
    }
    HttpEndpoint.write(response, reply);
  }
}
