# Every topic the code publishes to or a function consumes. Names follow
# functions/.../local/TopicNames, which the local dev server uses too.
resource "google_pubsub_topic" "topic" {
  for_each = local.topics

  name = each.key
  # Keeps a day of messages, so a subscription can be replayed (seek) after a bad deploy.
  message_retention_duration = "86400s"

  depends_on = [google_project_service.enabled]
}

# Where a message goes after max_delivery_attempts failed deliveries.
resource "google_pubsub_topic" "dead_letter" {
  for_each = local.consumed_topics

  name = "${each.key}-dead-letter"

  depends_on = [google_project_service.enabled]
}

# A topic without a subscription drops what is published to it: each dead-letter topic keeps its
# messages here for a week, for inspection and replay.
resource "google_pubsub_subscription" "dead_letter" {
  for_each = local.consumed_topics

  name                       = "${each.key}-dead-letter-sub"
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  expiration_policy {
    ttl = ""
  }
}

# Each topic function's own push subscription. A gen2 event trigger would create its own
# subscription, which Terraform cannot give a dead-letter policy
# (hashicorp/terraform-provider-google#25069); owning the push subscription can.
resource "google_pubsub_subscription" "push" {
  for_each = local.topic_functions

  name                       = "${each.key}-sub"
  topic                      = google_pubsub_topic.topic[each.value.topic].id
  ack_deadline_seconds       = local.delivery.ack_deadline_seconds
  message_retention_duration = "604800s"

  push_config {
    push_endpoint = google_cloudfunctions2_function.function[each.key].service_config[0].uri
    oidc_token {
      service_account_email = google_service_account.pubsub_push.email
    }
  }

  retry_policy {
    minimum_backoff = "${local.delivery.minimum_backoff_seconds}s"
    maximum_backoff = "${local.delivery.maximum_backoff_seconds}s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter[each.value.topic].id
    max_delivery_attempts = local.delivery.max_delivery_attempts
  }

  expiration_policy {
    ttl = ""
  }

  depends_on = [
    google_cloud_run_v2_service_iam_member.push_invoker,
    google_pubsub_topic_iam_member.dead_letter_publisher,
  ]
}

# Dead-lettering needs the Pub/Sub service agent to publish to the dead-letter topic and to
# acknowledge on the source subscription.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.consumed_topics

  topic  = google_pubsub_topic.dead_letter[each.key].name
  role   = "roles/pubsub.publisher"
  member = local.pubsub_service_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each = local.topic_functions

  subscription = google_pubsub_subscription.push[each.key].name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent
}
