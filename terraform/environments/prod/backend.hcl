# terraform -chdir=terraform init -backend-config=environments/prod/backend.hcl -backend-config="bucket=<state bucket>"
# The state bucket is per project (see README, "Deploying to Google Cloud"); this file only keeps
# the environments' states apart if they ever share one.
prefix = "agenthub/prod"
