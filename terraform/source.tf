# The packaged functions, uploaded under their content hash: a code change is a new object name,
# which changes every function's build source and so redeploys it.
resource "google_storage_bucket" "function_source" {
  name     = "${var.project_id}-agenthub-function-source"
  location = var.region

  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  # Old packages are only needed to roll back by hand; Terraform re-uploads the current one if it ages out.
  lifecycle_rule {
    condition {
      age = 30
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.enabled]
}

# Two packages: "full" for the functions that embed, "lean" (no model, no ONNX Runtime) for the rest.
resource "google_storage_bucket_object" "function_source" {
  for_each = local.function_packages

  name   = "agenthub-functions-${each.key}-${filesha256(each.value)}.zip"
  bucket = google_storage_bucket.function_source.name
  source = each.value
}
