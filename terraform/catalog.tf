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
      service_name   = lower(replace(entry.name, "/([a-z0-9])([A-Z])/", "$1-$2"))
      topic          = startswith(entry.trigger, "topic:") ? trimprefix(entry.trigger, "topic:") : null
      schedule       = try(entry.schedule, null)
      firestore      = contains(entry.needs, "firestore")
      embeddings     = contains(entry.needs, "embeddings")
      bigquery_read  = contains(entry.needs, "bigquery:read")
      bigquery_write = contains(entry.needs, "bigquery:write")
      publishes      = [for need in entry.needs : trimprefix(need, "publish:") if startswith(need, "publish:")]
      secrets        = [for need in entry.needs : trimprefix(need, "secret:") if startswith(need, "secret:")]
      # Only a function that may embed gets the package with the model and ONNX Runtime.
      package = contains(entry.needs, "embeddings") ? "full" : "lean"
      # Its latency SLO's threshold when not the default (slo.tf): a function that waits on BigQuery jobs.
      latency_threshold_ms = try(entry.latency_ms, var.slos.latency_threshold_ms)
    }
  }

  function_packages = { full = var.function_source_zip, lean = var.function_source_lean_zip }

  http_functions  = { for name, function in local.functions : name => function if function.topic == null }
  topic_functions = { for name, function in local.functions : name => function if function.topic != null }

  # Service accounts are per group; a group gets the union of its functions' needs.
  groups = {
    for group in distinct([for function in local.functions : function.group]) : group => {
      firestore      = anytrue([for function in local.functions : function.firestore if function.group == group])
      bigquery_read  = anytrue([for function in local.functions : function.bigquery_read if function.group == group])
      bigquery_write = anytrue([for function in local.functions : function.bigquery_write if function.group == group])
      embeddings     = anytrue([for function in local.functions : function.embeddings if function.group == group])
      publishes      = distinct(flatten([for function in local.functions : function.publishes if function.group == group]))
      secrets        = distinct(flatten([for function in local.functions : function.secrets if function.group == group]))
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
    API_KEY_CACHE_SECONDS      = tostring(var.api_key_cache_seconds)
    OUTBOX_SWEEP_GRACE_SECONDS = tostring(var.outbox_sweep_grace_seconds)
    PAYMENTS_PROCESSOR         = var.payments_processor
    JAVA_TOOL_OPTIONS          = local.java_tool_options
    # Read by the Firestore client itself: it builds an OpenTelemetry span per RPC by default, and
    # no exporter is installed, so the spans only cost CPU per call and classes at a cold start
    # (README, Benchmarks).
    FIRESTORE_ENABLE_TRACING = "false"
    # Read only by functions that embed, and only with the vertex provider.
    EMBEDDINGS_PROVIDER         = var.embeddings.provider
    VERTEX_EMBEDDING_MODEL      = var.embeddings.model
    VERTEX_EMBEDDING_DIMENSIONS = tostring(var.embeddings.dimensions)
    VERTEX_LOCATION             = coalesce(var.embeddings.location, var.region)
  }

  vertex_embeddings = var.embeddings.provider == "vertex"
  # The vector fields' dimension: MiniLM's, as indexes.json declares it, or the chosen Vertex AI model's.
  embedding_dimensions = local.vertex_embeddings ? var.embeddings.dimensions : null

  # Setting JAVA_TOOL_OPTIONS turns off the buildpack launcher's own heap sizing (it sets
  # -XX:MaxRAM from the instance's memory only when the variable is unset), so it is given here too.
  memory_mb         = { "256Mi" = 256, "512Mi" = 512, "1Gi" = 1024, "2Gi" = 2048, "4Gi" = 4096 }[var.function_memory]
  java_tool_options = join(" ", concat(["-XX:MaxRAM=${local.memory_mb}m", "-XX:MaxRAMPercentage=70"], var.jvm_flags))

  # Must equal the POM's maven.compiler.release (checked by InfrastructureConsistencyTest).
  java_runtime = "java17"
}
