# Pre-computed analytics: BigQuery scheduled queries (bigquery/tables.json "scheduled_queries") keep
# the aggregate tables fresh that GetMetrics reads instead of rescanning raw events. Each runs the
# SQL file the local stack and the tests run against bigquery-local, templated the same way.
# Not a materialized view: exact distinct counts (COUNT(DISTINCT)) are not allowed in incremental
# ones, and late events must be folded into days already computed.

locals {
  scheduled_queries = { for query in local.warehouse.scheduled_queries : query.name => query }

  # Table-level grants: the queries read analytics_events and write the aggregates, nothing else.
  scheduled_query_table_roles = merge(
    { analytics_events = "roles/bigquery.dataViewer" },
    { for aggregate in local.warehouse.aggregates : aggregate.name => "roles/bigquery.dataEditor" },
  )
}

resource "google_service_account" "scheduled_queries" {
  account_id   = "agenthub-scheduled-queries"
  display_name = "AgentHub BigQuery scheduled queries"
  description  = "Runs the scheduled queries of bigquery/tables.json: reads analytics_events, writes the aggregate tables."
}

# A query is a job, and jobs belong to the project (the role grants no data access by itself).
resource "google_project_iam_member" "scheduled_query_job_user" {
  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = google_service_account.scheduled_queries.member
}

resource "google_bigquery_table_iam_member" "scheduled_query_table" {
  for_each = local.scheduled_query_table_roles

  dataset_id = google_bigquery_dataset.analytics.dataset_id
  table_id   = google_bigquery_table.table[each.key].table_id
  role       = each.value
  member     = google_service_account.scheduled_queries.member
}

resource "google_bigquery_data_transfer_config" "scheduled_query" {
  for_each = local.scheduled_queries

  display_name         = "agenthub ${each.key}"
  location             = var.bigquery_location
  data_source_id       = "scheduled_query"
  schedule             = each.value.schedule
  service_account_name = google_service_account.scheduled_queries.email

  # A DML script: it names its own tables, so there is no destination table. The dataset is named by
  # its declared id (what google_bigquery_dataset.analytics is created with), a value the offline checks evaluate.
  params = {
    query = templatefile("${path.module}/bigquery/scheduled_queries/${each.key}.sql", {
      project_id = var.project_id, dataset_id = local.warehouse.dataset, recompute_days = each.value.recompute_days
    })
  }

  depends_on = [
    google_project_service.enabled,
    google_project_iam_member.scheduled_query_job_user,
    google_bigquery_table_iam_member.scheduled_query_table,
  ]
}

# A failed refresh keeps answers right (later days are read raw) but leaves late events out and
# makes GetMetrics scan more each day: a ticket, from the Data Transfer Service's own run logs.
resource "google_monitoring_alert_policy" "scheduled_query_failed" {
  count = local.pipeline_alerts_on ? 1 : 0

  display_name          = "A BigQuery scheduled query failed"
  severity              = local.alert_severity.ticket
  combiner              = "OR"
  notification_channels = local.notification_channels.ticket

  conditions {
    display_name = "scheduled query run logged an error"
    condition_matched_log {
      filter = "resource.type=\"bigquery_dts_config\" AND severity>=ERROR"
    }
  }

  # Log-match conditions require a notification rate limit.
  alert_strategy {
    notification_rate_limit {
      period = "3600s"
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A run of a BigQuery scheduled query (the nightly refresh of analytics_daily_metrics) failed. Runbook: README.md, \"Operating it\", scheduled query failed."
  }

  depends_on = [google_project_service.monitoring]
}
