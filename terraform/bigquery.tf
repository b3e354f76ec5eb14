# The analytics warehouse, from the same declaration the local stack uses (bigquery/tables.json,
# bigquery/schemas/*.json, bigquery/views/*.sql): no second copy of a schema.
locals {
  warehouse = jsondecode(file("${path.module}/bigquery/tables.json"))
}

resource "google_bigquery_dataset" "analytics" {
  dataset_id  = local.warehouse.dataset
  location    = var.bigquery_location
  description = "AgentHub analytics: tracked events and the change log of organizations, API keys and agents."

  delete_contents_on_destroy = false

  depends_on = [google_project_service.enabled]
}

# The tables code appends to, and the aggregates scheduled queries fill (scheduled_queries.tf): one shape.
resource "google_bigquery_table" "table" {
  for_each = { for table in concat(local.warehouse.tables, local.warehouse.aggregates) : table.name => table }

  dataset_id  = google_bigquery_dataset.analytics.dataset_id
  table_id    = each.key
  description = each.value.description
  schema      = file("${path.module}/bigquery/schemas/${each.key}.json")
  clustering  = each.value.clustering

  time_partitioning {
    type  = "DAY"
    field = each.value.partition_field
  }

  deletion_protection = var.environment == "prod"
}

resource "google_bigquery_table" "view" {
  for_each = { for view in local.warehouse.views : view.name => view }

  dataset_id  = google_bigquery_dataset.analytics.dataset_id
  table_id    = each.key
  description = each.value.description

  view {
    query = templatefile("${path.module}/bigquery/views/${each.key}.sql", {
      project_id = var.project_id
      dataset_id = google_bigquery_dataset.analytics.dataset_id
    })
    use_legacy_sql = false
  }

  deletion_protection = false

  depends_on = [google_bigquery_table.table]
}
