package com.agenthub.shared.metrics;

/** One day and event type: how many events, distinct users and distinct sessions. */
public record DailyMetric(String date, String eventType, long events, long users, long sessions) {}
