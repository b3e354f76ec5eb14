package com.agenthub.functions.tables;

import com.agenthub.functions.PubSubPushFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.logging.StructuredLog;
import java.time.Duration;
import java.util.Map;

/**
 * Runs on every tick of its schedule (Cloud Scheduler publishes to table-deletion-ticks): deletes
 * the rows of tables whose DeleteTable request ran out of time, then the tables themselves. A
 * sweep that fails answers 500, so the tick is retried; the work is safe to repeat.
 */
public final class SweepTableDeletions extends PubSubPushFunction {

  /** Within the subscription's 60 s acknowledgement deadline. */
  static final Duration BUDGET = Duration.ofSeconds(40);

  private final Services services;

  public SweepTableDeletions() {
    this(Services.production());
  }

  public SweepTableDeletions(Services services) {
    super("SweepTableDeletions");
    this.services = services;
  }

  @Override
  protected void receive(IncomingMessage tick) {
    int finished = services.tables().tables().sweepDeletions(BUDGET);
    if (finished > 0) {
      StructuredLog.info("deleted " + finished + " tables in the background", Map.of("finished", finished));
    }
  }
}
