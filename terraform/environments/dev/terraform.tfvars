# Settings of the dev environment. project_id comes from the command line (Cloud Build passes
# $PROJECT_ID); secrets are never written here (see secret_values in variables.tf).
environment   = "dev"
region        = "us-central1"
max_instances = 5
# Nothing kept warm: dev costs nothing while idle.
min_instances = {}
