package com.agenthub.shared.analytics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.warehouse.WarehouseDeclaration;
import com.agenthub.shared.warehouse.WarehouseDeclaration.ScheduledQueryDeclaration;
import org.junit.jupiter.api.Test;

/**
 * The daily-metrics refresh recomputes every day a late event can still land in: TrackEvents
 * accepts timestamps {@link EventIntake#MAX_PAST} back, and a day more covers the pipeline's own
 * delay (Pub/Sub redelivery). A shorter window would leave such events out of GetMetrics for good.
 */
class AggregateLatenessTest {

  @Test
  void theRefreshRecomputesEveryDayTrackEventsStillAccepts() {
    ScheduledQueryDeclaration refresh = WarehouseDeclaration.load().scheduledQueries().stream()
        .filter(q -> q.name().equals("refresh_analytics_daily_metrics")).findFirst().orElseThrow();
    assertTrue(refresh.recomputeDays() >= EventIntake.MAX_PAST.toDays() + 1,
        "recompute_days " + refresh.recomputeDays() + " < " + (EventIntake.MAX_PAST.toDays() + 1));
    assertTrue(refresh.sql("p", "d").contains("INTERVAL " + refresh.recomputeDays() + " DAY"),
        "the SQL's window is recompute_days");
  }
}
