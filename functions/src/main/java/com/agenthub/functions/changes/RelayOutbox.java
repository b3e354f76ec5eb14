package com.agenthub.functions.changes;

import com.agenthub.functions.PubSubPushFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.changes.OutboxRelay;
import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.logging.StructuredLog;
import java.time.Duration;
import java.util.Map;

/**
 * Runs on every tick of its schedule (Cloud Scheduler publishes to outbox-relay-ticks): publishes
 * the outbox records whose own request did not — it died between its commit and its publish.
 * The tick's content does not matter; a sweep that fails answers 500, so the tick is retried.
 */
public final class RelayOutbox extends PubSubPushFunction {

  private final OutboxRelay relay;
  private final Duration grace;

  public RelayOutbox() {
    this(Services.production(), Settings.outboxSweepGrace());
  }

  public RelayOutbox(Services services) {
    this(services, Settings.outboxSweepGrace());
  }

  public RelayOutbox(Services services, Duration grace) {
    super("RelayOutbox");
    this.relay = services.outboxRelay();
    this.grace = grace;
  }

  @Override
  protected void receive(IncomingMessage tick) {
    OutboxRelay.Sweep sweep = relay.sweep(grace);
    if (sweep.relayed() > 0) {
      // outbox_oldest_age_seconds feeds the log-based metric terraform/monitoring_pipeline.tf alerts on.
      StructuredLog.warning("relayed " + sweep.relayed() + " outbox records left behind by their requests",
          Map.of("relayed", sweep.relayed(), "outbox_oldest_age_seconds", sweep.oldestAge().toMillis() / 1000.0));
    }
  }
}
