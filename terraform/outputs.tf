output "http_function_urls" {
  description = "URL of each HTTP function, by catalog name."
  value       = { for name, function in local.http_functions : name => google_cloudfunctions2_function.function[name].service_config[0].uri }
}

output "topics" {
  description = "Pub/Sub topics, and the dead-letter subscription of each consumed one."
  value = {
    topics                    = sort([for topic in google_pubsub_topic.topic : topic.name])
    dead_letter_subscriptions = sort([for subscription in google_pubsub_subscription.dead_letter : subscription.name])
  }
}

output "dataset" {
  description = "The analytics dataset (project.dataset)."
  value       = "${var.project_id}.${google_bigquery_dataset.analytics.dataset_id}"
}

output "service_accounts" {
  description = "Service account of each function group."
  value       = { for group, account in google_service_account.group : group => account.email }
}

output "function_source_objects" {
  description = "The uploaded packages the functions were built from: full (with the embedding model) and lean."
  value       = { for package, object in google_storage_bucket_object.function_source : package => "gs://${object.bucket}/${object.name}" }
}
