# Who is told: the notification channels every alert policy (slo.tf, monitoring_pipeline.tf) and the
# budget (budget.tf) send to. An entry with an @ becomes an email channel here; any other entry must
# be an existing channel's name (projects/P/notificationChannels/N: PagerDuty, Slack, SMS, ...).

variable "alert_channels" {
  description = "Where alerts go. page: wakes someone (fast SLO burn, stuck pipelines); ticket: next working day (slow SLO burn, dead letters, budget). Each entry: an email address, or an existing notification channel name projects/PROJECT/notificationChannels/ID."
  type = object({
    page   = optional(list(string), [])
    ticket = optional(list(string), [])
  })
  default = {}

  validation {
    condition = alltrue([
      for entry in concat(var.alert_channels.page, var.alert_channels.ticket) :
      can(regex("^([^@\\s]+@[^@\\s]+\\.[^@\\s]+|projects/[^/]+/notificationChannels/[0-9]+)$", entry))
    ])
    error_message = "Each alert_channels entry must be an email address or projects/PROJECT/notificationChannels/ID."
  }
}

locals {
  alert_emails = toset([for entry in concat(var.alert_channels.page, var.alert_channels.ticket) : entry if strcontains(entry, "@")])

  # Severity of an alert policy by who it goes to.
  alert_severity = {
    page   = "CRITICAL"
    ticket = "WARNING"
  }
}

resource "google_project_service" "monitoring" {
  project            = var.project_id
  service            = "monitoring.googleapis.com"
  disable_on_destroy = false
}

resource "google_monitoring_notification_channel" "email" {
  for_each = local.alert_emails

  display_name = "AgentHub alerts: ${each.key}"
  type         = "email"
  labels = {
    email_address = each.key
  }

  depends_on = [google_project_service.monitoring]
}

locals {
  # Channel names by severity: created email channels and the given channel names.
  notification_channels = {
    for severity in ["page", "ticket"] : severity => [
      for entry in var.alert_channels[severity] :
      strcontains(entry, "@") ? google_monitoring_notification_channel.email[entry].name : entry
    ]
  }
}
