locals {
  services = toset([
    "artifactregistry.googleapis.com", # function images
    "bigquery.googleapis.com",
    "bigquerydatatransfer.googleapis.com", # scheduled queries
    "cloudbuild.googleapis.com",           # function builds
    "cloudfunctions.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "cloudscheduler.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com", # gen2 functions run on Cloud Run
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
  ])
}

resource "google_project_service" "enabled" {
  # Vertex AI only when the functions embed with it.
  for_each = local.vertex_embeddings ? setunion(local.services, ["aiplatform.googleapis.com"]) : local.services

  project = var.project_id
  service = each.value
  # Other workloads in the project may use the same API.
  disable_on_destroy = false
}
