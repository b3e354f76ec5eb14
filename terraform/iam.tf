# Least privilege: one service account per function group, granted exactly what the catalog says
# its functions need, on the narrowest resource that can carry the grant. No basic or *.admin role.

resource "google_service_account" "group" {
  for_each = local.groups

  account_id   = "agenthub-${each.key}"
  display_name = "AgentHub ${each.key} functions"
  description  = "Runs the ${each.key} functions of functions/catalog.json."
}

# Firestore grants exist only at project level.
resource "google_project_iam_member" "firestore_user" {
  for_each = { for group, needs in local.groups : group => needs if needs.firestore }

  project = var.project_id
  role    = "roles/datastore.user"
  member  = google_service_account.group[each.key].member
}

# With the Vertex AI embedder, the groups whose functions embed may call the model: Vertex AI User
# is the narrowest predefined role holding aiplatform.endpoints.predict.
resource "google_project_iam_member" "vertex_ai_user" {
  for_each = { for group, needs in local.groups : group => needs if needs.embeddings && local.vertex_embeddings }

  project = var.project_id
  role    = "roles/aiplatform.user"
  member  = google_service_account.group[each.key].member
}

# The analytics dataset only: a group whose functions insert rows may edit its tables' data; a
# group whose functions only query it may read them.
resource "google_bigquery_dataset_iam_member" "data_editor" {
  for_each = { for group, needs in local.groups : group => needs if needs.bigquery_write }

  dataset_id = google_bigquery_dataset.analytics.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = google_service_account.group[each.key].member
}

resource "google_bigquery_dataset_iam_member" "data_viewer" {
  for_each = { for group, needs in local.groups : group => needs if needs.bigquery_read && !needs.bigquery_write }

  dataset_id = google_bigquery_dataset.analytics.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = google_service_account.group[each.key].member
}

# Running a query is a job, and jobs belong to the project (it grants no data access by itself);
# inserting rows (insertAll) is no job.
resource "google_project_iam_member" "bigquery_job_user" {
  for_each = { for group, needs in local.groups : group => needs if needs.bigquery_read }

  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = google_service_account.group[each.key].member
}

resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = merge([
    for group, needs in local.groups : {
      for topic in needs.publishes : "${group} ${topic}" => { group = group, topic = topic }
    }
  ]...)

  topic  = google_pubsub_topic.topic[each.value.topic].name
  role   = "roles/pubsub.publisher"
  member = google_service_account.group[each.value.group].member
}

resource "google_secret_manager_secret_iam_member" "reader" {
  for_each = merge([
    for group, needs in local.groups : {
      for secret in needs.secrets : "${group} ${secret}" => { group = group, secret = secret }
    }
  ]...)

  secret_id = google_secret_manager_secret.secret[each.value.secret].id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.group[each.value.group].member
}

# The identity function builds run as (instead of the default compute account, which new
# projects no longer grant anything).
resource "google_service_account" "builder" {
  account_id   = "agenthub-function-builder"
  display_name = "AgentHub function builds"
}

resource "google_project_iam_member" "builder" {
  for_each = toset([
    "roles/artifactregistry.writer", # pushes the function images
    "roles/logging.logWriter",       # build logs
    "roles/storage.objectViewer",    # reads the uploaded source
  ])

  project = var.project_id
  role    = each.value
  member  = google_service_account.builder.member
}

# The identity push subscriptions sign their requests with (an OIDC token the topic functions'
# Cloud Run services check against roles/run.invoker).
resource "google_service_account" "pubsub_push" {
  account_id   = "agenthub-pubsub-push"
  display_name = "AgentHub Pub/Sub push deliveries"
}

locals {
  # Google's Pub/Sub service agent: it mints the push tokens and moves messages to dead-letter topics.
  pubsub_service_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_service_account_iam_member" "pubsub_push_token_creator" {
  service_account_id = google_service_account.pubsub_push.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_service_agent
}
