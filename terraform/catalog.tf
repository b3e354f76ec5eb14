# Everything deployed is derived from the function catalog (functions/catalog.json): adding a
# function there adds its function, service account grants, topics and subscription here.
locals {
  catalog = jsondecode(file("${path.module}/../functions/catalog.json"))

  # The Pub/Sub retry and dead-letter policy of every topic function's subscription.
  delivery = local.catalog.pubsub_delivery

  functions = {
    for entry in local.catalog.functions : entry.name => {
      entry_point = entry.entry_point
      group       = entry.group
      # Cloud Run service names are lowercase: CreateApiKey -> create-api-key.
      service_name = lower(replace(entry.name, "/([a-z0-9])([A-Z])/", "$1-$2"))
      topic        = startswith(entry.trigger, "topic:") ? trimprefix(entry.trigger, "topic:") : null
      schedule     = try(entry.schedule, null)
      firestore    = contains(entry.needs, "firestore")
      bigquery     = contains(entry.needs, "bigquery")
      publishes    = [for need in entry.needs : trimprefix(need, "publish:") if startswith(need, "publish:")]
      secrets      = [for need in entry.needs : trimprefix(need, "secret:") if startswith(need, "secret:")]
    }
  }

  http_functions  = { for name, function in local.functions : name => function if function.topic == null }
  topic_functions = { for name, function in local.functions : name => function if function.topic != null }

  # Service accounts are per group; a group gets the union of its functions' needs.
  groups = {
    for group in distinct([for function in local.functions : function.group]) : group => {
      firestore = anytrue([for function in local.functions : function.firestore if function.group == group])
      bigquery  = anytrue([for function in local.functions : function.bigquery if function.group == group])
      publishes = distinct(flatten([for function in local.functions : function.publishes if function.group == group]))
      secrets   = distinct(flatten([for function in local.functions : function.secrets if function.group == group]))
    }
  }

  consumed_topics = toset([for function in local.topic_functions : function.topic])
  topics          = setunion(local.consumed_topics, flatten([for function in local.functions : function.publishes]))
  secrets         = toset(flatten([for function in local.functions : function.secrets]))

  # What the Java code reads (functions/.../wiring/Settings); secrets are mounted separately.
  function_environment = {
    GOOGLE_CLOUD_PROJECT       = var.project_id
    KNOWLEDGE_LOG_QUERY_TEXT   = var.knowledge_log_query_text
    METRICS_CACHE_TTL_SECONDS  = tostring(var.metrics_cache_ttl_seconds)
    OUTBOX_SWEEP_GRACE_SECONDS = tostring(var.outbox_sweep_grace_seconds)
    PAYMENTS_PROCESSOR         = var.payments_processor
  }

  # Must equal the POM's maven.compiler.release (checked by InfrastructureConsistencyTest).
  java_runtime = "java17"
}
