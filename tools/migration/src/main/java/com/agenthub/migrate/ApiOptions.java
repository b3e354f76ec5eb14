package com.agenthub.migrate;

import com.agenthub.migrate.api.PublicApi;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How to reach the product: its base URL and an organization's API key (so tenancy and every rule apply). */
final class ApiOptions {

  @Option(names = "--base-url", required = true, description = "The API's base URL, e.g. https://REGION-PROJECT.cloudfunctions.net or http://127.0.0.1:8080")
  String baseUrl;

  @Option(names = "--key", description = "The organization's API key (default: $AGENTHUB_API_KEY). import needs the write scopes of what it imports, knowledge:read for cached embeddings (EmbedTexts) and tables:read for tables (GetTable: a re-run compares a table that exists), and organization:read to check the plan first; verify and shadow need only the read scopes")
  String key = System.getenv("AGENTHUB_API_KEY");

  @Option(names = "--concurrency", defaultValue = "8", description = "Calls in flight at once (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--max-attempts", defaultValue = "8", description = "Attempts per call on 429/503/connection errors, with backoff (default: ${DEFAULT-VALUE})")
  int maxAttempts;

  @Option(names = "--timeout-seconds", defaultValue = "60", description = "Per call (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  PublicApi api() {
    if (key == null || key.isBlank()) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "an API key is needed: --key or AGENTHUB_API_KEY");
    }
    return new PublicApi(baseUrl, key, Math.max(1, maxAttempts), Duration.ofSeconds(timeoutSeconds));
  }
}
