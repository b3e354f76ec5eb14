# Cloud Monitoring dashboards, kept as JSON files in dashboards/ (one dashboard each). They group by
# service, subscription or function label instead of naming functions, so a new catalog entry shows
# up on them by itself; InfrastructureOperationsTest checks they parse and name only catalog functions.

resource "google_monitoring_dashboard" "dashboard" {
  for_each = fileset("${path.module}/dashboards", "*.json")

  dashboard_json = file("${path.module}/dashboards/${each.value}")

  depends_on = [google_project_service.monitoring]
}
