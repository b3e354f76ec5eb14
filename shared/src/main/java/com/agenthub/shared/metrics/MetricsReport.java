package com.agenthub.shared.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Metrics for a query, and whether they came from the cache, computed when, kept how long. */
public record MetricsReport(MetricsQuery query, List<DailyMetric> days, boolean fromCache, Instant computedAt,
    Duration age, Duration ttl) {}
