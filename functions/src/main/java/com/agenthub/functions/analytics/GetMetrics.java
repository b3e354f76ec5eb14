package com.agenthub.functions.analytics;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.metrics.DailyMetric;
import com.agenthub.shared.metrics.MetricsQuery;
import com.agenthub.shared.metrics.MetricsReport;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Set;

/**
 * GET the caller's daily event metrics: {@code ?start_date=yyyy-mm-dd&end_date=yyyy-mm-dd}
 * (UTC days, both included, at most 90) and optionally {@code &event_type=}. Says whether the
 * answer came from the cache and how old it is (also as the Age header).
 */
public final class GetMetrics extends EndpointFunction {

  public GetMetrics() {
    this(Services.production());
  }

  public GetMetrics(Services services) {
    super(HttpEndpoint.of("GetMetrics", "GET", Scope.ANALYTICS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("start_date", "end_date", "event_type"));
      MetricsQuery query = MetricsQuery.parse(call.query().required("start_date"), call.query().required("end_date"),
          call.query().optional("event_type"));
      MetricsReport report = services.metrics().daily(call.organizationId(), query);
      return ApiReply.ok(toJson(report)).withHeader("Age", Long.toString(report.age().toSeconds()));
    }));
  }

  private static JsonObject toJson(MetricsReport report) {
    JsonArray days = new JsonArray();
    for (DailyMetric day : report.days()) {
      JsonObject row = new JsonObject();
      row.addProperty("date", day.date());
      row.addProperty("event_type", day.eventType());
      row.addProperty("events", day.events());
      row.addProperty("users", day.users());
      row.addProperty("sessions", day.sessions());
      days.add(row);
    }
    JsonObject cache = new JsonObject();
    cache.addProperty("hit", report.fromCache());
    cache.addProperty("computed_at", report.computedAt().toString());
    cache.addProperty("age_seconds", report.age().toSeconds());
    cache.addProperty("ttl_seconds", report.ttl().toSeconds());
    JsonObject body = new JsonObject();
    body.addProperty("start_date", report.query().startDate().toString());
    body.addProperty("end_date", report.query().endDate().toString());
    body.add("event_type", report.query().eventType().<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE));
    body.add("days", days);
    body.add("cache", cache);
    return body;
  }
}
