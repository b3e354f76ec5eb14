package com.agenthub.functions.knowledge;

import com.agenthub.functions.testing.ApiClient;
import java.time.Duration;

/** For tests of other packages (the OpenAPI conformance test): wait until a document is ready. */
public final class DocumentsHttpTestAccess {

  private DocumentsHttpTestAccess() {}

  public static void awaitReady(ApiClient client, String documentId) throws InterruptedException {
    DocumentsHttpTest.awaitReady(client, documentId, Duration.ofSeconds(60));
  }
}
