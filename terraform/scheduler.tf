# A catalog entry with a schedule gets a tick published to its topic on that cron (UTC).
resource "google_cloud_scheduler_job" "tick" {
  for_each = { for name, function in local.topic_functions : name => function if function.schedule != null }

  name        = "${each.value.service_name}-tick"
  region      = var.region
  description = "Triggers ${each.key} through ${each.value.topic}."
  schedule    = each.value.schedule
  time_zone   = "Etc/UTC"

  pubsub_target {
    topic_name = google_pubsub_topic.topic[each.value.topic].id
    data       = base64encode(jsonencode({ tick = each.key }))
  }

  depends_on = [google_project_service.enabled]
}
