# Pipeline and data alerts, per catalog entry: dead letters, stuck push subscriptions, outbox records
# the sweep should have relayed, and each function's 5xx ratio. Log-based metrics read the numbers
# the code writes into its log lines (RequestLog's latency_ms, RelayOutbox's outbox_oldest_age_seconds).

variable "pipeline_alerts" {
  description = "Thresholds of the pipeline alerts. oldest_unacked_seconds: age of the oldest undelivered message on a push subscription; error_ratio: share of 5xx answers of one function over five minutes."
  type = object({
    enabled                = optional(bool, true)
    oldest_unacked_seconds = optional(number, 1800)
    error_ratio            = optional(number, 0.05)
  })
  default = {}

  validation {
    condition     = var.pipeline_alerts.oldest_unacked_seconds >= 60
    error_message = "pipeline_alerts.oldest_unacked_seconds must be at least 60."
  }

  validation {
    condition     = var.pipeline_alerts.error_ratio > 0 && var.pipeline_alerts.error_ratio < 1
    error_message = "pipeline_alerts.error_ratio must be a fraction between 0 and 1 (exclusive)."
  }
}

locals {
  pipeline_alerts_on = var.pipeline_alerts.enabled

  # A record the relay's own request left behind is swept on the first tick after it is
  # outbox_sweep_grace_seconds old; two missed minutely ticks on top of that is a broken sweep.
  outbox_alert_age_seconds = var.outbox_sweep_grace_seconds + 120
}

# Latency of every request as a distribution per function (the request log's latency_ms).
resource "google_logging_metric" "request_latency" {
  name        = "agenthub/request_latency"
  description = "Latency of every function request, from the structured request log (latency_ms)."
  filter      = "resource.type=\"cloud_run_revision\" AND jsonPayload.latency_ms>=0 AND jsonPayload.function:*"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "DISTRIBUTION"
    unit        = "ms"
    labels {
      key         = "function"
      value_type  = "STRING"
      description = "Catalog name of the function."
    }
  }

  value_extractor = "EXTRACT(jsonPayload.latency_ms)"
  label_extractors = {
    function = "EXTRACT(jsonPayload.function)"
  }

  bucket_options {
    exponential_buckets {
      num_finite_buckets = 40
      growth_factor      = 1.4
      scale              = 1
    }
  }
}

# Age of the oldest outbox record each sweep relayed (RelayOutbox logs it when it relays any).
resource "google_logging_metric" "outbox_oldest_age" {
  name        = "agenthub/outbox_oldest_age"
  description = "Age of the oldest outbox record a RelayOutbox sweep relayed: changes that reached BigQuery late."
  filter      = "resource.type=\"cloud_run_revision\" AND jsonPayload.outbox_oldest_age_seconds>0"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "DISTRIBUTION"
    unit        = "s"
  }

  value_extractor = "EXTRACT(jsonPayload.outbox_oldest_age_seconds)"

  bucket_options {
    exponential_buckets {
      num_finite_buckets = 30
      growth_factor      = 1.5
      scale              = 1
    }
  }
}

# Any message in a dead-letter subscription: an event or change that will not reach BigQuery by itself.
resource "google_monitoring_alert_policy" "dead_letters" {
  for_each = local.pipeline_alerts_on ? local.consumed_topics : toset([])

  display_name          = "Dead letters from ${each.key}"
  severity              = local.alert_severity.ticket
  combiner              = "OR"
  notification_channels = local.notification_channels.ticket

  conditions {
    display_name = "${each.key}-dead-letter-sub holds messages"
    condition_threshold {
      filter          = "resource.type=\"pubsub_subscription\" AND resource.label.\"subscription_id\"=\"${each.key}-dead-letter-sub\" AND metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Messages from ${each.key} failed ${local.delivery.max_delivery_attempts} deliveries. Runbook: README.md, \"Operating it\", dead letters."
  }

  depends_on = [google_project_service.monitoring]
}

# A push subscription whose oldest message keeps ageing: its function keeps failing or is gone.
resource "google_monitoring_alert_policy" "oldest_unacked" {
  for_each = local.pipeline_alerts_on ? local.topic_functions : {}

  display_name          = "${each.key}: undelivered messages older than ${var.pipeline_alerts.oldest_unacked_seconds} s"
  severity              = local.alert_severity.page
  combiner              = "OR"
  notification_channels = local.notification_channels.page

  conditions {
    display_name = "${each.key}-sub oldest unacked message age"
    condition_threshold {
      filter          = "resource.type=\"pubsub_subscription\" AND resource.label.\"subscription_id\"=\"${each.key}-sub\" AND metric.type=\"pubsub.googleapis.com/subscription/oldest_unacked_message_age\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.pipeline_alerts.oldest_unacked_seconds
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "${each.key} has not acknowledged a message for over ${var.pipeline_alerts.oldest_unacked_seconds} s. Runbook: README.md, \"Operating it\", stuck subscription."
  }

  depends_on = [google_project_service.monitoring]
}

resource "google_monitoring_alert_policy" "outbox_age" {
  count = local.pipeline_alerts_on ? 1 : 0

  display_name          = "Outbox records relayed later than ${local.outbox_alert_age_seconds} s"
  severity              = local.alert_severity.ticket
  combiner              = "OR"
  notification_channels = local.notification_channels.ticket

  conditions {
    display_name = "oldest relayed outbox record"
    condition_threshold {
      filter          = "resource.type=\"cloud_run_revision\" AND metric.type=\"logging.googleapis.com/user/${google_logging_metric.outbox_oldest_age.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = local.outbox_alert_age_seconds
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_PERCENTILE_99"
        cross_series_reducer = "REDUCE_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "RelayOutbox relayed a change more than ${local.outbox_alert_age_seconds} s after its commit: its ticks failed or did not run. Runbook: README.md, \"Operating it\", outbox age."
  }

  depends_on = [google_project_service.monitoring]
}

# Every function's share of 5xx answers (topic functions answer 5xx to have a delivery retried).
resource "google_monitoring_alert_policy" "error_ratio" {
  for_each = local.pipeline_alerts_on ? local.functions : {}

  display_name          = "${each.key}: more than ${var.pipeline_alerts.error_ratio * 100}% 5xx"
  severity              = local.alert_severity.page
  combiner              = "OR"
  notification_channels = local.notification_channels.page

  conditions {
    display_name = "${each.value.service_name} 5xx ratio"
    condition_threshold {
      filter             = "resource.type=\"cloud_run_revision\" AND resource.label.\"service_name\"=\"${each.value.service_name}\" AND metric.type=\"run.googleapis.com/request_count\" AND metric.label.\"response_code_class\"=\"5xx\""
      denominator_filter = "resource.type=\"cloud_run_revision\" AND resource.label.\"service_name\"=\"${each.value.service_name}\" AND metric.type=\"run.googleapis.com/request_count\""
      comparison         = "COMPARISON_GT"
      threshold_value    = var.pipeline_alerts.error_ratio
      duration           = "300s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
      }
      denominator_aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "${each.key} answers more than ${var.pipeline_alerts.error_ratio * 100}% of its requests with a 5xx. Runbook: README.md, \"Operating it\", 5xx ratio."
  }

  depends_on = [google_project_service.monitoring]
}
