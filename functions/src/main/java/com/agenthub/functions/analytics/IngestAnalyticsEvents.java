package com.agenthub.functions.analytics;

import com.agenthub.functions.IngestFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.analytics.AnalyticsEventMessages;

/** Consumes analytics-events: each message's events become analytics_events rows, once. */
public final class IngestAnalyticsEvents extends IngestFunction {

  public IngestAnalyticsEvents() {
    this(Services.production());
  }

  public IngestAnalyticsEvents(Services services) {
    super("IngestAnalyticsEvents", services.ingestion(), AnalyticsEventMessages::decode);
  }
}
