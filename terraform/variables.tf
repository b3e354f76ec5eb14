variable "project_id" {
  description = "The Google Cloud project to deploy into (one project per environment: topic, dataset and collection names are fixed in the code)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id: 6-30 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "region" {
  description = "Region of the functions, the Pub/Sub push endpoints, the source bucket and the scheduler jobs."
  type        = string
  default     = "us-central1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region such as us-central1 or europe-west1."
  }
}

variable "environment" {
  description = "Which environment this is; prod turns on deletion protection for tables and point-in-time recovery for Firestore."
  type        = string

  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be \"dev\" or \"prod\"."
  }
}

variable "firestore_location" {
  description = "Firestore location (a multi-region such as nam5 or eur3, or a region). Fixed once the database exists."
  type        = string
  default     = "nam5"

  validation {
    condition     = can(regex("^([a-z]+[0-9]+|[a-z]+-[a-z]+[0-9])$", var.firestore_location))
    error_message = "firestore_location must be a Firestore location such as nam5, eur3 or us-central1."
  }
}

variable "bigquery_location" {
  description = "Location of the analytics dataset (US, EU or a region)."
  type        = string
  default     = "US"

  validation {
    condition     = can(regex("^(US|EU|[a-z]+-[a-z]+[0-9])$", var.bigquery_location))
    error_message = "bigquery_location must be US, EU or a region such as europe-west1."
  }
}

variable "function_source_zip" {
  description = "The packaged functions with the embedding model (tools/package-functions writes it), for catalog entries that need \"embeddings\". Its SHA-256 names the uploaded object, so a code change redeploys the functions built from it."
  type        = string
  default     = "../functions/target/deploy/agenthub-functions.zip"

  validation {
    condition     = endswith(var.function_source_zip, ".zip")
    error_message = "function_source_zip must be the .zip that tools/package-functions writes."
  }
}

variable "function_source_lean_zip" {
  description = "The packaged functions without the embedding model and ONNX Runtime (tools/package-functions writes it), for every other catalog entry."
  type        = string
  default     = "../functions/target/deploy/agenthub-functions-lean.zip"

  validation {
    condition     = endswith(var.function_source_lean_zip, ".zip")
    error_message = "function_source_lean_zip must be the .zip that tools/package-functions writes."
  }
}

variable "function_memory" {
  description = "Memory of every function instance."
  type        = string
  default     = "512Mi"

  validation {
    condition     = contains(["256Mi", "512Mi", "1Gi", "2Gi", "4Gi"], var.function_memory)
    error_message = "function_memory must be one of 256Mi, 512Mi, 1Gi, 2Gi, 4Gi (Java needs at least 256Mi)."
  }
}

variable "function_cpu" {
  description = "vCPUs of every function instance; concurrency above 1 needs at least 1."
  type        = string
  default     = "1"

  validation {
    condition     = contains(["0.5", "1", "2", "4"], var.function_cpu)
    error_message = "function_cpu must be one of 0.5, 1, 2, 4."
  }
}

variable "function_concurrency" {
  description = "Requests one instance serves at once (the functions are thread-safe)."
  type        = number
  default     = 16

  validation {
    condition     = var.function_concurrency >= 1 && var.function_concurrency <= 1000 && floor(var.function_concurrency) == var.function_concurrency
    error_message = "function_concurrency must be a whole number within 1-1000."
  }
}

variable "function_timeout_seconds" {
  description = "Request timeout of every function. The topic functions' subscriptions wait ack_deadline_seconds from functions/catalog.json, so keep this below it."
  type        = number
  default     = 60

  validation {
    condition     = var.function_timeout_seconds >= 1 && var.function_timeout_seconds <= 540
    error_message = "function_timeout_seconds must be within 1-540."
  }
}

variable "min_instances" {
  description = "Instances kept warm per function, by catalog name (others: 0). Each warm instance is billed while idle."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for count in values(var.min_instances) : count >= 0 && count <= 100 && floor(count) == count])
    error_message = "Every min_instances value must be a whole number within 0-100."
  }

  validation {
    condition     = alltrue([for name in keys(var.min_instances) : contains(keys(local.functions), name)])
    error_message = "Every min_instances key must be a function name from functions/catalog.json."
  }
}

variable "max_instances" {
  description = "Upper bound of instances for every function: caps cost and the load on Firestore and BigQuery."
  type        = number
  default     = 20

  validation {
    condition     = var.max_instances >= 1 && var.max_instances <= 1000 && floor(var.max_instances) == var.max_instances
    error_message = "max_instances must be a whole number within 1-1000."
  }

  validation {
    condition     = alltrue([for count in values(var.min_instances) : count <= var.max_instances])
    error_message = "No min_instances value may exceed max_instances."
  }
}

variable "http_invoker_members" {
  description = "Who may call the HTTP functions at the Cloud Run layer. allUsers: the functions authenticate every call themselves (API keys, the platform-admin token)."
  type        = list(string)
  default     = ["allUsers"]

  validation {
    condition     = alltrue([for member in var.http_invoker_members : can(regex("^(allUsers|allAuthenticatedUsers|(user|group|serviceAccount|domain):.+)$", member))])
    error_message = "Each http_invoker_members entry must be allUsers, allAuthenticatedUsers or user:/group:/serviceAccount:/domain: followed by a name."
  }
}

variable "metrics_cache_ttl_seconds" {
  description = "How long GetMetrics serves a cached answer (METRICS_CACHE_TTL_SECONDS)."
  type        = number
  default     = 60

  validation {
    condition     = var.metrics_cache_ttl_seconds >= 0 && var.metrics_cache_ttl_seconds <= 86400
    error_message = "metrics_cache_ttl_seconds must be within 0-86400."
  }
}

variable "jvm_flags" {
  description = "JVM flags for every function (with the heap bound, in JAVA_TOOL_OPTIONS). C1 only: measured by tools/bench cold to cut a cold start most (see README, Benchmarks); these functions wait on I/O, not on C2-compiled code."
  type        = list(string)
  default     = ["-XX:TieredStopAtLevel=1"]

  validation {
    condition     = alltrue([for flag in var.jvm_flags : startswith(flag, "-") && !strcontains(flag, " ")])
    error_message = "jvm_flags must be single JVM options, each starting with '-'."
  }
}

variable "api_key_cache_seconds" {
  description = "How long an instance trusts an API key it verified without reading it again (API_KEY_CACHE_SECONDS): the most a revoked key keeps working on other instances."
  type        = number
  default     = 30

  validation {
    condition     = var.api_key_cache_seconds >= 0 && var.api_key_cache_seconds <= 30
    error_message = "api_key_cache_seconds must be within 0-30: a revoked key must stop working everywhere within 30 s."
  }
}

variable "outbox_sweep_grace_seconds" {
  description = "Age after which RelayOutbox publishes an outbox record its own request left behind (OUTBOX_SWEEP_GRACE_SECONDS)."
  type        = number
  default     = 30

  validation {
    condition     = var.outbox_sweep_grace_seconds >= 5 && var.outbox_sweep_grace_seconds <= 3600
    error_message = "outbox_sweep_grace_seconds must be within 5-3600."
  }
}

variable "knowledge_log_query_text" {
  description = "Whether knowledge_searches keeps each SearchKnowledge query's text (KNOWLEDGE_LOG_QUERY_TEXT): \"true\" or \"false\"; by default only its length is kept, as the text is the tenant's words."
  type        = string
  default     = "false"

  validation {
    condition     = contains(["true", "false"], var.knowledge_log_query_text)
    error_message = "knowledge_log_query_text must be true or false."
  }
}

variable "embeddings" {
  description = "The embedding model of the functions that embed (EMBEDDINGS_PROVIDER): minilm, in process (the default), or vertex: Vertex AI's model (text-embedding-005, or gemini-embedding-001) at the given output dimension, called in location (default: var.region). The Firestore vector indexes take the chosen model's dimension; switching re-embeds each document on its next index run, and searches find only chunks of the current model until then."
  type = object({
    provider   = optional(string, "minilm")
    model      = optional(string, "text-embedding-005")
    dimensions = optional(number, 768)
    location   = optional(string)
  })
  default = {}

  validation {
    condition     = contains(["minilm", "vertex"], var.embeddings.provider)
    error_message = "embeddings.provider must be minilm or vertex."
  }
  validation {
    condition     = var.embeddings.dimensions >= 1 && var.embeddings.dimensions <= 2048 && floor(var.embeddings.dimensions) == var.embeddings.dimensions
    error_message = "embeddings.dimensions must be a whole number within 1..2048 (Firestore's vector limit)."
  }
  validation {
    condition     = !startswith(var.embeddings.model, "text-") || var.embeddings.dimensions <= 768
    error_message = "text-embedding models answer at most 768 dimensions."
  }
}

variable "payments_processor" {
  description = "Which payment processor the payment functions use (PAYMENTS_PROCESSOR): stripe, or simulated for a demo project without a Stripe account."
  type        = string
  default     = "stripe"

  validation {
    condition     = contains(["stripe", "simulated"], var.payments_processor)
    error_message = "payments_processor must be stripe or simulated."
  }
}

variable "secret_values" {
  description = "Values of the catalog's secrets (secret:NAME), e.g. { PLATFORM_ADMIN_TOKEN = \"...\" }. Needed on the first apply and to rotate (with secret_version bumped); write-only, never stored in the state."
  type        = map(string)
  default     = {}
  sensitive   = true
  ephemeral   = true
}

variable "secret_version" {
  description = "Bump to write secret_values as new secret versions (rotation)."
  type        = number
  default     = 1

  validation {
    condition     = var.secret_version >= 1 && floor(var.secret_version) == var.secret_version
    error_message = "secret_version must be a whole number from 1."
  }
}
