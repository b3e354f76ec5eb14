package com.agenthub.shared.http;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.port.Version;
import java.util.Optional;

/** Document versions as strong HTTP entity tags, and the If-Match header that names one. */
public final class ETags {

  private ETags() {}

  public static String of(Version version) {
    return "\"" + version.token() + "\"";
  }

  /**
   * The version an If-Match demands; empty when absent or {@code *} (any current version). A
   * value that is not an ETag this API issued is a 400, not a silent mismatch.
   */
  public static Optional<Version> ifMatch(ApiCall call) {
    Optional<String> header = call.header("If-Match").map(String::strip);
    if (header.isEmpty() || header.get().equals("*")) {
      return Optional.empty();
    }
    String value = header.get();
    String token = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
    return Optional.of(Version.parse(token).orElseThrow(() -> ApiError.invalid("If-Match",
        "If-Match must be one ETag as returned by this API, e.g. \"1764150000.123456000\"")));
  }
}
