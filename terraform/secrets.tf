# The catalog's secret:NAME needs, each a Secret Manager secret mounted into the functions that
# need it as the environment variable NAME (functions.tf), never as a plain variable.
resource "google_secret_manager_secret" "secret" {
  for_each = local.secrets

  secret_id = lower(replace(each.key, "_", "-"))

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

# The value is write-only: Terraform sends it when secret_version changes and never stores it.
# Give it on the first apply (-var 'secret_values={PLATFORM_ADMIN_TOKEN="..."}'); later applies,
# such as Cloud Build's, leave the version alone.
resource "google_secret_manager_secret_version" "current" {
  for_each = local.secrets

  secret                 = google_secret_manager_secret.secret[each.key].id
  secret_data_wo         = lookup(var.secret_values, each.key, null)
  secret_data_wo_version = var.secret_version
}
