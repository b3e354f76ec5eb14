package com.agenthub.shared.adapter.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.shared.port.WarehouseException.Reason;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import org.junit.jupiter.api.Test;

/** Which of BigQuery's answers a caller may retry (503) and which are our defect. */
class BigQueryErrorsTest {

  private static Reason reason(int code, String reason, String message) {
    return BigQueryErrors.translate("query", new BigQueryException(code, message, new BigQueryError(reason, "global", message))).reason();
  }

  @Test
  void aDmlCancelledByAConcurrentUpdateIsRetriedAndABadQueryIsNot() {
    assertEquals(Reason.UNAVAILABLE, reason(400, "invalidQuery",
        "Could not serialize access to table p:agenthub_analytics.analytics_daily_metrics due to concurrent update"));
    assertEquals(Reason.UNAVAILABLE, reason(400, "invalidQuery",
        "Query error: Transaction is aborted due to concurrent update against table p:d.t"));
    assertEquals(Reason.REJECTED, reason(400, "invalidQuery", "Syntax error: Unexpected keyword FROM at [1:8]"));
    assertEquals(Reason.UNAVAILABLE, reason(500, "backendError", "Backend error"));
  }
}
