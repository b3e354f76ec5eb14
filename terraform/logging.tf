# System metrics in BigQuery: a log sink copies every function's structured request log line
# (RequestLog: function, latency_ms, httpRequest.status) into day-partitioned tables of a dataset of
# its own, and views there give latency percentiles and request/error counts per function per hour.
# A separate dataset keeps the sink's writer (which needs roles/bigquery.dataEditor, the least a
# BigQuery sink can work with) away from the analytics data: it can write logs and nothing else.

variable "system_metrics" {
  description = "The request-log sink into BigQuery. retention_days: partitions older than this are deleted."
  type = object({
    enabled        = optional(bool, true)
    retention_days = optional(number, 90)
  })
  default = {}

  validation {
    condition     = var.system_metrics.retention_days >= 1 && var.system_metrics.retention_days <= 3650 && floor(var.system_metrics.retention_days) == var.system_metrics.retention_days
    error_message = "system_metrics.retention_days must be a whole number within 1-3650."
  }
}

locals {
  system_metrics_on = var.system_metrics.enabled

  # The table a BigQuery sink writes Cloud Run's stdout to is named after the log: run.googleapis.com/stdout.
  request_log_table = "run_googleapis_com_stdout"

  system_metrics_views = {
    request_latency_hourly = "Latency p50/p95/p99 per function per hour, from the request logs."
    request_counts_hourly  = "Requests, server and client errors per function per hour, from the request logs."
  }
}

resource "google_bigquery_dataset" "system_metrics" {
  count = local.system_metrics_on ? 1 : 0

  dataset_id                      = "agenthub_system_metrics"
  location                        = var.bigquery_location
  description                     = "AgentHub system metrics: the functions' request logs (log sink) and views over them."
  default_partition_expiration_ms = var.system_metrics.retention_days * 86400000

  delete_contents_on_destroy = false

  depends_on = [google_project_service.enabled]
}

# Created ahead of the sink so the views can be (BigQuery refuses a view over a missing table).
# The sink adds every other column of the log entries as they arrive; these are the ones the views read.
resource "google_bigquery_table" "request_logs" {
  count = local.system_metrics_on ? 1 : 0

  dataset_id  = google_bigquery_dataset.system_metrics[0].dataset_id
  table_id    = local.request_log_table
  description = "Cloud Run stdout log entries of the functions (written by the request-log sink)."
  schema      = file("${path.module}/bigquery/system_metrics/request_log_schema.json")

  time_partitioning {
    type  = "DAY"
    field = "timestamp"
  }

  deletion_protection = false

  # The sink owns the schema from here on (it adds the columns of new fields).
  lifecycle {
    ignore_changes = [schema]
  }
}

resource "google_logging_project_sink" "request_logs" {
  count = local.system_metrics_on ? 1 : 0

  name        = "agenthub-request-logs"
  description = "The functions' structured request log lines, into BigQuery system metrics."
  destination = "bigquery.googleapis.com/projects/${var.project_id}/datasets/${google_bigquery_dataset.system_metrics[0].dataset_id}"
  filter      = "resource.type=\"cloud_run_revision\" AND logName=\"projects/${var.project_id}/logs/run.googleapis.com%2Fstdout\" AND jsonPayload.function:* AND jsonPayload.latency_ms>=0"

  unique_writer_identity = true

  bigquery_options {
    use_partitioned_tables = true
  }

  depends_on = [google_bigquery_table.request_logs]
}

# The sink's writer may write tables of its destination dataset, nothing else.
resource "google_bigquery_dataset_iam_member" "request_log_writer" {
  count = local.system_metrics_on ? 1 : 0

  dataset_id = google_bigquery_dataset.system_metrics[0].dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = google_logging_project_sink.request_logs[0].writer_identity
}

resource "google_bigquery_table" "system_metrics_view" {
  for_each = local.system_metrics_on ? local.system_metrics_views : {}

  dataset_id  = google_bigquery_dataset.system_metrics[0].dataset_id
  table_id    = each.key
  description = each.value

  view {
    query = templatefile("${path.module}/bigquery/system_metrics/${each.key}.sql", {
      project_id = var.project_id
      dataset_id = google_bigquery_dataset.system_metrics[0].dataset_id
      table_id   = google_bigquery_table.request_logs[0].table_id
    })
    use_legacy_sql = false
  }

  deletion_protection = false
}

output "system_metrics" {
  description = "Where the request logs and their hourly views are (project.dataset)."
  value       = local.system_metrics_on ? "${var.project_id}.${google_bigquery_dataset.system_metrics[0].dataset_id}" : null
}
