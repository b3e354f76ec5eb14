# A monthly budget on the billing account for this project: 50%, 80% and 100% of actual spend and
# 100% of forecasted spend, to the ticket channels (email) and a Pub/Sub topic a program can act on.
# Needs roles/billing.costsManager on the billing account for whoever applies (README "Operating it").

variable "budget" {
  description = "The project's monthly budget (null: none). billing_account: the account's id (XXXXXX-XXXXXX-XXXXXX); amount: whole units of currency_code, which must be the billing account's currency (null: that currency, whatever it is)."
  type = object({
    billing_account = string
    amount          = number
    currency_code   = optional(string)
  })
  default = null

  validation {
    condition     = var.budget == null || can(regex("^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$", var.budget.billing_account))
    error_message = "budget.billing_account must be a billing account id such as 012345-6789AB-CDEF01."
  }

  validation {
    condition     = var.budget == null || (var.budget.amount >= 1 && floor(var.budget.amount) == var.budget.amount)
    error_message = "budget.amount must be a whole number of at least 1."
  }

  validation {
    condition     = var.budget == null || var.budget.currency_code == null || can(regex("^[A-Z]{3}$", coalesce(var.budget.currency_code, "-")))
    error_message = "budget.currency_code must be an ISO 4217 code such as USD or EUR."
  }
}

locals {
  budget_on = var.budget != null
}

resource "google_project_service" "budget" {
  for_each = local.budget_on ? toset(["billingbudgets.googleapis.com"]) : toset([])

  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

resource "google_pubsub_topic" "budget_alerts" {
  count = local.budget_on ? 1 : 0

  name = "budget-alerts"

  depends_on = [google_project_service.enabled]
}

# Keeps a week of budget notifications for whatever reads them (a topic alone would drop them).
resource "google_pubsub_subscription" "budget_alerts" {
  count = local.budget_on ? 1 : 0

  name                       = "budget-alerts-sub"
  topic                      = google_pubsub_topic.budget_alerts[0].id
  message_retention_duration = "604800s"

  expiration_policy {
    ttl = ""
  }
}

# Cloud Billing publishes budget notifications as this Google-owned account.
resource "google_pubsub_topic_iam_member" "budget_publisher" {
  count = local.budget_on ? 1 : 0

  topic  = google_pubsub_topic.budget_alerts[0].name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:billing-budget-alert@system.gserviceaccount.com"
}

resource "google_billing_budget" "project" {
  count = local.budget_on ? 1 : 0

  billing_account = var.budget.billing_account
  display_name    = "AgentHub ${var.environment} (${var.project_id})"

  # Budgets name projects by number, not id: the API stores projects/NUMBER and would show a
  # permanent diff against projects/ID.
  budget_filter {
    projects               = ["projects/${data.google_project.this.number}"]
    credit_types_treatment = "INCLUDE_ALL_CREDITS"
    calendar_period        = "MONTH"
  }

  amount {
    specified_amount {
      currency_code = var.budget.currency_code
      units         = tostring(var.budget.amount)
    }
  }

  threshold_rules {
    threshold_percent = 0.5
    spend_basis       = "CURRENT_SPEND"
  }

  threshold_rules {
    threshold_percent = 0.8
    spend_basis       = "CURRENT_SPEND"
  }

  threshold_rules {
    threshold_percent = 1.0
    spend_basis       = "CURRENT_SPEND"
  }

  threshold_rules {
    threshold_percent = 1.0
    spend_basis       = "FORECASTED_SPEND"
  }

  all_updates_rule {
    # A budget takes at most five monitoring channels.
    monitoring_notification_channels = slice(local.notification_channels.ticket, 0, min(5, length(local.notification_channels.ticket)))
    pubsub_topic                     = google_pubsub_topic.budget_alerts[0].id
    schema_version                   = "1.0"
  }

  depends_on = [google_project_service.budget, google_pubsub_topic_iam_member.budget_publisher]
}
