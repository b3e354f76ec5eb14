# Settings of the prod environment. project_id comes from the command line (Cloud Build passes
# $PROJECT_ID); secrets are never written here (see secret_values in variables.tf).
environment        = "prod"
region             = "us-central1"
firestore_location = "nam5"
bigquery_location  = "US"
max_instances      = 100
# One warm instance on the hot paths keeps Java cold starts off user requests (billed while idle).
min_instances = {
  GetAgent    = 1
  TrackEvents = 1
}
# Operations (README "Operating it"). SLOs, pipeline alerts and the request-log sink are on by
# default; the front door and the budget need values only the operator has:
# load_balancer  = { enabled = true, domain = "api.example.com" }
# alert_channels = { page = ["oncall@example.com"], ticket = ["ops@example.com"] }
# budget         = { billing_account = "XXXXXX-XXXXXX-XXXXXX", amount = 300 }
