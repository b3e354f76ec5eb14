package com.agenthub.shared.adapter.bigquery;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.http.HttpTransportOptions;
import java.time.Duration;
import java.util.Optional;

/** Builds the BigQuery client: the real service, or bigquery-local at an explicit host. */
public final class BigQueryClients {

  /** Any single HTTP call: a stuck connection must not hold a function until its own timeout. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private BigQueryClients() {}

  /**
   * {@code localHost} like {@code http://127.0.0.1:9050} selects bigquery-local; the client ignores
   * emulator variables, so the host, no credentials and int64 timestamps (else TIMESTAMPs come back
   * garbled) are set explicitly. Empty → the real service with default credentials.
   */
  public static BigQuery create(String projectId, Optional<String> localHost) {
    BigQueryOptions.Builder options = BigQueryOptions.newBuilder()
        .setProjectId(projectId)
        .setTransportOptions(HttpTransportOptions.newBuilder()
            .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
            .setReadTimeout((int) READ_TIMEOUT.toMillis())
            .build());
    if (localHost.isPresent()) {
      options.setHost(localHost.get())
          .setCredentials(NoCredentials.getInstance())
          .setUseInt64Timestamps(true)
          // Locally a refused connection means "not started": say so at once instead of backing off.
          .setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(1).build());
    }
    return options.build().getService();
  }

  /** Whether a host is bigquery-local, which needs its writes serialized. */
  public static boolean isLocal(Optional<String> host) {
    return host.isPresent();
  }
}
