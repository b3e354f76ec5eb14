package com.agenthub.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.agenthub.shared.errors.ApiError;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsQueryTest {

  @Test
  void ninetyDaysIncludingBothEndsIsTheLongestRange() {
    MetricsQuery query = MetricsQuery.parse("2026-01-01", "2026-03-31", Optional.empty());
    assertEquals(LocalDate.parse("2026-03-31"), query.endDate());
    ApiError tooLong = assertThrows(ApiError.class, () -> MetricsQuery.parse("2026-01-01", "2026-04-01", Optional.empty()));
    assertEquals("end_date", tooLong.field().orElseThrow());
  }

  @Test
  void malformedOrReversedDatesNameTheirParameter() {
    assertEquals("start_date", assertThrows(ApiError.class,
        () -> MetricsQuery.parse("2026-01-01' OR '1'='1", "2026-01-02", Optional.empty())).field().orElseThrow());
    assertEquals("end_date", assertThrows(ApiError.class,
        () -> MetricsQuery.parse("2026-01-02", "2026-1-3", Optional.empty())).field().orElseThrow());
    assertEquals("end_date", assertThrows(ApiError.class,
        () -> MetricsQuery.parse("2026-01-02", "2026-01-01", Optional.empty())).field().orElseThrow());
    assertEquals("start_date", assertThrows(ApiError.class,
        () -> MetricsQuery.parse("2026-02-30", "2026-03-01", Optional.empty())).field().orElseThrow());
  }

  @Test
  void anEventTypeThatIsNotANameIsRefused() {
    assertEquals("event_type", assertThrows(ApiError.class,
        () -> MetricsQuery.parse("2026-01-01", "2026-01-02", Optional.of("x' UNION SELECT 1 --"))).field().orElseThrow());
  }
}
