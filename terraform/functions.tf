# One function per catalog entry. HTTP entries are public endpoints that authenticate each call
# themselves; topic entries are HTTP functions (PubSubPushFunction) behind their own push subscription (pubsub.tf),
# which, unlike a gen2 event trigger's generated one, can carry a dead-letter policy.
resource "google_cloudfunctions2_function" "function" {
  for_each = local.functions

  name        = each.value.service_name
  location    = var.region
  description = "AgentHub ${each.key} (${each.value.topic == null ? "HTTP" : "push from ${each.value.topic}"})"

  build_config {
    runtime     = local.java_runtime
    entry_point = each.value.entry_point
    source {
      storage_source {
        bucket = google_storage_bucket_object.function_source[each.value.package].bucket
        object = google_storage_bucket_object.function_source[each.value.package].name
      }
    }
    service_account = google_service_account.builder.id
  }

  service_config {
    available_memory                 = var.function_memory
    available_cpu                    = var.function_cpu
    max_instance_request_concurrency = var.function_concurrency
    timeout_seconds                  = var.function_timeout_seconds
    min_instance_count               = lookup(var.min_instances, each.key, 0)
    max_instance_count               = var.max_instances
    service_account_email            = google_service_account.group[each.value.group].email
    all_traffic_on_latest_revision   = true
    # Topic functions take requests only from their push subscription; HTTP functions, with the load
    # balancer on, only through it (Cloud Armor cannot be bypassed via the run.app URL).
    ingress_settings      = each.value.topic != null ? "ALLOW_INTERNAL_ONLY" : local.load_balancer_on ? "ALLOW_INTERNAL_AND_GCLB" : "ALLOW_ALL"
    environment_variables = local.function_environment

    dynamic "secret_environment_variables" {
      for_each = toset(each.value.secrets)
      content {
        key        = secret_environment_variables.value
        project_id = var.project_id
        secret     = google_secret_manager_secret.secret[secret_environment_variables.value].secret_id
        version    = "latest"
      }
    }
  }

  # A function only starts once it may read its secrets and its build may run.
  depends_on = [
    google_project_service.enabled,
    google_secret_manager_secret_iam_member.reader,
    google_secret_manager_secret_version.current,
    google_project_iam_member.builder,
  ]
}

# HTTP functions: invocable by var.http_invoker_members (the code authenticates every call).
resource "google_cloud_run_v2_service_iam_member" "http_invoker" {
  for_each = {
    for pair in setproduct(keys(local.http_functions), var.http_invoker_members) :
    "${pair[0]} ${pair[1]}" => { function = pair[0], member = pair[1] }
  }

  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.function[each.value.function].service_config[0].service
  role     = "roles/run.invoker"
  member   = each.value.member
}

# Topic functions: invocable only by the identity their push subscription signs its requests with.
resource "google_cloud_run_v2_service_iam_member" "push_invoker" {
  for_each = local.topic_functions

  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = google_service_account.pubsub_push.member
}
