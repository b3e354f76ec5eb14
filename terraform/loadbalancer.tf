# One API host with the local dev server's paths: https://DOMAIN/<Name> reaches the catalog's HTTP
# function <Name> through a global external Application Load Balancer (a serverless NEG and backend
# service per function, a URL map generated from the catalog), behind Cloud Armor. Off by default
# (it costs money, see README "Operating it"); when on, the HTTP functions accept only internal and
# load-balancer traffic (functions.tf), so Cloud Armor cannot be bypassed through run.app URLs.

variable "load_balancer" {
  description = "The API front door. enabled: create it; domain: the API host (its DNS A record must point at the api_address output for the managed certificate to issue); rate_limit: per-client throttle (over the limit -> 429); max_body_bytes: larger declared bodies are refused at the edge (coarsely, see loadbalancer.tf)."
  type = object({
    enabled = bool
    domain  = optional(string, "")
    rate_limit = optional(object({
      requests         = optional(number, 600)
      interval_seconds = optional(number, 60)
      # IP: per client address; API_KEY: per Authorization header value (one tenant's key).
      key = optional(string, "IP")
    }), {})
    max_body_bytes = optional(number, 1048576)
  })
  default = { enabled = false }

  validation {
    condition     = !var.load_balancer.enabled || can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.load_balancer.domain))
    error_message = "load_balancer.domain must be a DNS name such as api.example.com when load_balancer.enabled is true."
  }

  validation {
    condition     = var.load_balancer.rate_limit.requests >= 1 && floor(var.load_balancer.rate_limit.requests) == var.load_balancer.rate_limit.requests
    error_message = "load_balancer.rate_limit.requests must be a whole number of at least 1."
  }

  # The intervals Cloud Armor accepts for rate_limit_threshold.interval_sec.
  validation {
    condition     = contains([10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600], var.load_balancer.rate_limit.interval_seconds)
    error_message = "load_balancer.rate_limit.interval_seconds must be one of 10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600."
  }

  validation {
    condition     = contains(["IP", "API_KEY"], var.load_balancer.rate_limit.key)
    error_message = "load_balancer.rate_limit.key must be IP or API_KEY."
  }

  validation {
    condition     = var.load_balancer.max_body_bytes >= 1024 && floor(var.load_balancer.max_body_bytes) == var.load_balancer.max_body_bytes
    error_message = "load_balancer.max_body_bytes must be a whole number of at least 1024."
  }
}

locals {
  load_balancer_on = var.load_balancer.enabled

  # Every HTTP catalog function gets a route; none is listed here.
  routed_functions = local.load_balancer_on ? local.http_functions : {}

  # Unknown paths go to no function: the default route answers 404 itself (fault injection abort)
  # before any backend is called; a URL map still has to name a default service.
  default_backend_function = local.load_balancer_on ? sort(keys(local.http_functions))[0] : null

  # The methods the functions serve (HttpEndpoint.of(..., method, ...)); others are refused at the edge.
  api_methods = ["GET", "POST", "PATCH", "DELETE"]

  # Cloud Armor can only compare the declared Content-Length as text: refuse any with more digits than
  # the limit (>= 10x over it). The function itself enforces the exact limit with 413 (HttpLimits).
  oversize_body_pattern = "^[0-9]{${length(tostring(var.load_balancer.max_body_bytes)) + 1},}$"
}

resource "google_project_service" "load_balancer" {
  for_each = local.load_balancer_on ? toset(["compute.googleapis.com"]) : toset([])

  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

resource "google_compute_global_address" "api" {
  count = local.load_balancer_on ? 1 : 0

  name = "agenthub-api"

  depends_on = [google_project_service.load_balancer]
}

resource "google_compute_managed_ssl_certificate" "api" {
  count = local.load_balancer_on ? 1 : 0

  name = "agenthub-api"
  managed {
    domains = [var.load_balancer.domain]
  }

  depends_on = [google_project_service.load_balancer]
}

# One serverless NEG per HTTP function: a gen2 function runs as the Cloud Run service of its name.
resource "google_compute_region_network_endpoint_group" "function" {
  for_each = local.routed_functions

  name                  = "agenthub-${each.value.service_name}"
  region                = var.region
  network_endpoint_type = "SERVERLESS"

  cloud_run {
    service = google_cloudfunctions2_function.function[each.key].name
  }

  depends_on = [google_project_service.load_balancer]
}

resource "google_compute_backend_service" "function" {
  for_each = local.routed_functions

  name                  = "agenthub-${each.value.service_name}"
  description           = "AgentHub ${each.key}, at /${each.key}."
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"
  security_policy       = google_compute_security_policy.api[0].id

  backend {
    group = google_compute_region_network_endpoint_group.function[each.key].id
  }

  # Requests Cloud Armor refuses (429, 403) never reach a function: only these logs show them.
  log_config {
    enable      = true
    sample_rate = 1
  }
}

resource "google_compute_url_map" "api" {
  count = local.load_balancer_on ? 1 : 0

  name            = "agenthub-api"
  description     = "https://${var.load_balancer.domain}/<Name> -> the catalog's HTTP function <Name>, as on the local dev server."
  default_service = google_compute_backend_service.function[local.default_backend_function].id

  default_route_action {
    fault_injection_policy {
      abort {
        http_status = 404
        percentage  = 100
      }
    }
  }

  host_rule {
    hosts        = [var.load_balancer.domain]
    path_matcher = "functions"
  }

  path_matcher {
    name            = "functions"
    default_service = google_compute_backend_service.function[local.default_backend_function].id

    default_route_action {
      fault_injection_policy {
        abort {
          http_status = 404
          percentage  = 100
        }
      }
    }

    dynamic "path_rule" {
      for_each = local.routed_functions
      content {
        paths   = ["/${path_rule.key}"]
        service = google_compute_backend_service.function[path_rule.key].id
      }
    }
  }
}

resource "google_compute_target_https_proxy" "api" {
  count = local.load_balancer_on ? 1 : 0

  name             = "agenthub-api"
  url_map          = google_compute_url_map.api[0].id
  ssl_certificates = [google_compute_managed_ssl_certificate.api[0].id]
}

resource "google_compute_global_forwarding_rule" "https" {
  count = local.load_balancer_on ? 1 : 0

  name                  = "agenthub-api-https"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.api[0].id
  port_range            = "443"
  target                = google_compute_target_https_proxy.api[0].id
}

# Plain HTTP only redirects to HTTPS: API keys never travel in clear text.
resource "google_compute_url_map" "http_redirect" {
  count = local.load_balancer_on ? 1 : 0

  name = "agenthub-api-http-redirect"

  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "PERMANENT_REDIRECT"
    strip_query            = false
  }
}

resource "google_compute_target_http_proxy" "http_redirect" {
  count = local.load_balancer_on ? 1 : 0

  name    = "agenthub-api-http-redirect"
  url_map = google_compute_url_map.http_redirect[0].id
}

resource "google_compute_global_forwarding_rule" "http_redirect" {
  count = local.load_balancer_on ? 1 : 0

  name                  = "agenthub-api-http"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.api[0].id
  port_range            = "80"
  target                = google_compute_target_http_proxy.http_redirect[0].id
}

# Evaluated in priority order; the first matching rule decides.
resource "google_compute_security_policy" "api" {
  count = local.load_balancer_on ? 1 : 0

  name        = "agenthub-api"
  description = "AgentHub API: methods the API serves, declared body size, per-client rate limit."

  # Cloud Armor's deny statuses are 403, 404, 429 and 502: a wrong method is 403 here (405 from the function).
  rule {
    priority    = 1000
    action      = "deny(403)"
    description = "Only the methods the functions serve."
    match {
      expr {
        expression = "!request.method.matches('^(${join("|", local.api_methods)})$')"
      }
    }
  }

  rule {
    priority    = 1100
    action      = "deny(403)"
    description = "Declared bodies far over the functions' limit (the function answers 413 for the rest)."
    match {
      expr {
        expression = "has(request.headers['content-length']) && request.headers['content-length'].matches('${local.oversize_body_pattern}')"
      }
    }
  }

  rule {
    priority    = 2000
    action      = "throttle"
    description = "Per-client rate limit: ${var.load_balancer.rate_limit.requests} requests per ${var.load_balancer.rate_limit.interval_seconds} s, then 429."
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
    rate_limit_options {
      conform_action      = "allow"
      exceed_action       = "deny(429)"
      enforce_on_key      = var.load_balancer.rate_limit.key == "IP" ? "IP" : "HTTP_HEADER"
      enforce_on_key_name = var.load_balancer.rate_limit.key == "IP" ? null : "Authorization"
      rate_limit_threshold {
        count        = var.load_balancer.rate_limit.requests
        interval_sec = var.load_balancer.rate_limit.interval_seconds
      }
    }
  }

  rule {
    priority    = 2147483647
    action      = "allow"
    description = "Everything else."
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
  }

  depends_on = [google_project_service.load_balancer]
}

output "api_base_url" {
  description = "The one API host (BASE for README's walk-through), when the load balancer is on."
  value       = local.load_balancer_on ? "https://${var.load_balancer.domain}" : null
}

output "api_address" {
  description = "The IP address the API domain's DNS A record must point at, when the load balancer is on."
  value       = local.load_balancer_on ? google_compute_global_address.api[0].address : null
}
