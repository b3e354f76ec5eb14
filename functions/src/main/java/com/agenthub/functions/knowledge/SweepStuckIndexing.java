package com.agenthub.functions.knowledge;

import com.agenthub.functions.PubSubPushFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.knowledge.IndexingSweep;
import java.time.Duration;

/**
 * Runs on every tick of its schedule (Cloud Scheduler publishes to knowledge-indexing-ticks):
 * publishes again the index requests of documents indexing (or deleting) for longer than
 * {@link IndexingSweep#STUCK_AFTER}, and marks failed those still stuck after the last attempt.
 * A run that cannot reach the store answers 500, so the tick is retried; the work is safe to repeat.
 */
public final class SweepStuckIndexing extends PubSubPushFunction {

  private final IndexingSweep sweep;
  private final Duration after;

  public SweepStuckIndexing() {
    this(Services.production());
  }

  public SweepStuckIndexing(Services services) {
    super("SweepStuckIndexing");
    this.sweep = services.knowledge().sweep();
    this.after = IndexingSweep.STUCK_AFTER;
  }

  @Override
  protected void receive(IncomingMessage tick) {
    sweep.sweep(after);
  }
}
