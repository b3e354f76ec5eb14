# SLOs per HTTP function, with multiwindow burn-rate alerts (the SRE workbook, "Alerting on SLOs").
# Per function rather than per catalog group: each function is its own Cloud Run service with its
# own latency profile (GetMetrics queries BigQuery, GetAgent reads one document), so one group SLO
# would let a slow or failing function hide behind its busy neighbours; SLOs cost nothing, and a
# page names the one function to look at. New catalog entries get theirs automatically.

variable "slos" {
  description = "Service level objectives of every HTTP function: availability (non-5xx share of requests) and latency (share of requests faster than latency_threshold_ms), over a rolling 30 days."
  type = object({
    enabled              = optional(bool, true)
    availability_goal    = optional(number, 0.999)
    latency_threshold_ms = optional(number, 100) # a catalog entry's latency_ms overrides it for its function
    latency_goal         = optional(number, 0.95)
  })
  default = {}

  validation {
    condition     = var.slos.availability_goal > 0 && var.slos.availability_goal < 1 && var.slos.latency_goal > 0 && var.slos.latency_goal < 1
    error_message = "slos goals must be fractions between 0 and 1 (exclusive), e.g. 0.999."
  }

  validation {
    condition     = var.slos.latency_threshold_ms > 0 && var.slos.latency_threshold_ms <= 60000
    error_message = "slos.latency_threshold_ms must be within 1-60000."
  }
}

locals {
  slo_functions = var.slos.enabled ? local.http_functions : {}

  # Two objectives per function, keyed "<Name> availability" and "<Name> latency".
  slo_objectives = {
    for pair in setproduct(keys(local.slo_functions), ["availability", "latency"]) : "${pair[0]} ${pair[1]}" => {
      function     = pair[0]
      objective    = pair[1]
      service_name = local.functions[pair[0]].service_name
      latency_ms   = local.functions[pair[0]].latency_threshold_ms
    }
  }

  # Cloud Run's request metrics of one function's service.
  run_requests_filter = "resource.type=\"cloud_run_revision\" AND metric.type=\"run.googleapis.com/request_count\""
  run_latency_filter  = "resource.type=\"cloud_run_revision\" AND metric.type=\"run.googleapis.com/request_latencies\""

  # The SRE workbook's multiwindow, multi-burn-rate alerts for a 30-day objective: 2% of the error
  # budget in an hour or 5% in six hours pages; 10% in three days opens a ticket. The short window
  # (1/12 of the long one) lets the alert stop soon after the burning does.
  burn_rate_alerts = {
    fast = { to = "page", burn_rate = 14.4, long_seconds = 3600, short_seconds = 300 }
    slow = { to = "page", burn_rate = 6, long_seconds = 21600, short_seconds = 1800 }
    drip = { to = "ticket", burn_rate = 1, long_seconds = 259200, short_seconds = 21600 }
  }

  slo_alerts = {
    for pair in setproduct(keys(local.slo_objectives), keys(local.burn_rate_alerts)) : "${pair[0]} ${pair[1]}" =>
    merge(local.burn_rate_alerts[pair[1]], { slo = pair[0] }, local.slo_objectives[pair[0]])
  }
}

# The SLOs' home: one custom service per function (its Cloud Run service as telemetry).
resource "google_monitoring_custom_service" "function" {
  for_each = local.slo_functions

  service_id   = "agenthub-${each.value.service_name}"
  display_name = "AgentHub ${each.key}"

  telemetry {
    resource_name = "//run.googleapis.com/projects/${var.project_id}/locations/${var.region}/services/${each.value.service_name}"
  }

  depends_on = [google_project_service.monitoring]
}

resource "google_monitoring_slo" "function" {
  for_each = local.slo_objectives

  service             = google_monitoring_custom_service.function[each.value.function].service_id
  slo_id              = each.value.objective
  display_name        = each.value.objective == "availability" ? "${each.value.function}: ${var.slos.availability_goal * 100}% of requests without a 5xx, rolling 30 days" : "${each.value.function}: ${var.slos.latency_goal * 100}% of requests under ${each.value.latency_ms} ms, rolling 30 days"
  goal                = each.value.objective == "availability" ? var.slos.availability_goal : var.slos.latency_goal
  rolling_period_days = 30

  request_based_sli {
    # Availability: requests answered without a 5xx (4xx are the caller's; Cloud Armor's 429s never reach Cloud Run).
    dynamic "good_total_ratio" {
      for_each = each.value.objective == "availability" ? [each.value.service_name] : []
      content {
        bad_service_filter   = "${local.run_requests_filter} AND resource.label.\"service_name\"=\"${good_total_ratio.value}\" AND metric.label.\"response_code_class\"=\"5xx\""
        total_service_filter = "${local.run_requests_filter} AND resource.label.\"service_name\"=\"${good_total_ratio.value}\""
      }
    }

    # Latency: requests served within the threshold (request_latencies is in milliseconds).
    dynamic "distribution_cut" {
      for_each = each.value.objective == "latency" ? [each.value.service_name] : []
      content {
        distribution_filter = "${local.run_latency_filter} AND resource.label.\"service_name\"=\"${distribution_cut.value}\""
        range {
          max = each.value.latency_ms
        }
      }
    }
  }
}

# One policy per SLO and burn rate; both windows must burn (AND) for it to fire.
resource "google_monitoring_alert_policy" "slo_burn" {
  for_each = local.slo_alerts

  display_name          = "${each.value.function} ${each.value.objective} SLO: error budget burning ${each.value.burn_rate}x"
  severity              = local.alert_severity[each.value.to]
  combiner              = "AND"
  notification_channels = local.notification_channels[each.value.to]

  conditions {
    display_name = "burn rate > ${each.value.burn_rate} over ${each.value.long_seconds / 3600} h"
    condition_threshold {
      filter          = "select_slo_burn_rate(\"${google_monitoring_slo.function[each.value.slo].name}\", \"${each.value.long_seconds}s\")"
      comparison      = "COMPARISON_GT"
      threshold_value = each.value.burn_rate
      duration        = "0s"
    }
  }

  conditions {
    display_name = "burn rate > ${each.value.burn_rate} over ${each.value.short_seconds / 60} min"
    condition_threshold {
      filter          = "select_slo_burn_rate(\"${google_monitoring_slo.function[each.value.slo].name}\", \"${each.value.short_seconds}s\")"
      comparison      = "COMPARISON_GT"
      threshold_value = each.value.burn_rate
      duration        = "0s"
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "${each.value.function} is spending its ${each.value.objective} error budget ${each.value.burn_rate}x as fast as the 30-day objective allows. Runbook: README.md, \"Operating it\", SLO burn."
  }
}
