package com.agenthub.shared.metrics;

import com.agenthub.shared.analytics.EventTypes;
import com.agenthub.shared.errors.ApiError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What a dashboard asks for: a range of UTC days (both ends included, at most
 * {@link #MAX_DAYS}) and optionally one event type. Checked on construction.
 */
public record MetricsQuery(LocalDate startDate, LocalDate endDate, Optional<String> eventType) {

  public static final int MAX_DAYS = 90;

  public MetricsQuery {
    if (endDate.isBefore(startDate)) {
      throw ApiError.invalid("end_date", "'end_date' must not be before 'start_date'");
    }
    long days = ChronoUnit.DAYS.between(startDate, endDate) + 1;
    if (days > MAX_DAYS) {
      throw ApiError.invalid("end_date", "the range covers " + days + " days; at most " + MAX_DAYS + " are allowed");
    }
    eventType.ifPresent(type -> EventTypes.require("event_type", type));
  }

  /** Parses request values; each error names its parameter. */
  public static MetricsQuery parse(String startDate, String endDate, Optional<String> eventType) {
    return new MetricsQuery(date("start_date", startDate), date("end_date", endDate), eventType);
  }

  /** A stable text of the query, for its cache key. */
  String canonical() {
    return startDate + "/" + endDate + "/" + eventType.orElse("*");
  }

  private static LocalDate date(String field, String value) {
    if (value == null) {
      throw ApiError.invalid(field, "'" + field + "' is required (yyyy-mm-dd)");
    }
    try {
      if (value.length() != 10) {
        throw new DateTimeParseException("not yyyy-mm-dd", value, 0);
      }
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(field, "'" + field + "' must be a date as yyyy-mm-dd");
    }
  }
}
