terraform {
  # 1.11: write-only arguments keep the platform secrets out of the state (secrets.tf).
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    google = {
      source = "hashicorp/google"
      # The offline argument-name check (tools/terraform-check) reads the 6.50 schema.
      version = ">= 6.50.0, < 7.0.0"
    }
  }

  # Partial configuration: the bucket is given at init time, the prefix comes from
  # environments/<env>/backend.hcl (see README, "Deploying to Google Cloud").
  backend "gcs" {}
}
