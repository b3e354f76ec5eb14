locals {
  firestore = jsondecode(file("${path.module}/firestore/indexes.json"))
}

resource "google_firestore_database" "main" {
  name        = "(default)"
  location_id = var.firestore_location
  type        = "FIRESTORE_NATIVE"

  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"
  point_in_time_recovery_enablement = var.environment == "prod" ? "POINT_IN_TIME_RECOVERY_ENABLED" : "POINT_IN_TIME_RECOVERY_DISABLED"

  depends_on = [google_project_service.enabled]
}

# The composite indexes the code's queries need (declared in firestore/indexes.json).
resource "google_firestore_index" "composite" {
  for_each = {
    for index in local.firestore.composite_indexes :
    # key_suffix tells apart indexes on one field list in both directions (table_rows declares both).
    "${index.collection_group}(${join(",", [for field in index.fields : field.field])})${try(index.key_suffix, "")}" => index
  }

  database    = google_firestore_database.main.name
  collection  = each.value.collection_group
  query_scope = "COLLECTION"

  dynamic "fields" {
    # Every query orders by the document id last (the paging tiebreaker), in its order field's direction.
    for_each = concat(each.value.fields, [{ field = "__name__", order = each.value.fields[length(each.value.fields) - 1].order }])
    content {
      field_path = fields.value.field
      # An array-contains filter's field has an array_config instead of an order.
      order        = try(fields.value.order, null)
      array_config = try(fields.value.array_config, null)
    }
  }
}

# The vector indexes findNearest needs: the equality pre-filter fields, the array-contains-any
# pre-filter fields (CONTAINS), then the vector field (flat index, the embedding model's dimension).
resource "google_firestore_index" "vector" {
  for_each = {
    for index in local.firestore.vector_indexes :
    # Array fields join the key marked "[]"; an index without them keeps the key it always had.
    "${index.collection_group}(${join(",", concat(index.prefilter_fields, [for field in try(index.prefilter_array_fields, []) : "${field}[]"]))};${index.field})" => index
  }

  database    = google_firestore_database.main.name
  collection  = each.value.collection_group
  query_scope = "COLLECTION"

  dynamic "fields" {
    for_each = each.value.prefilter_fields
    content {
      field_path = fields.value
      order      = "ASCENDING"
    }
  }

  dynamic "fields" {
    for_each = try(each.value.prefilter_array_fields, [])
    content {
      field_path   = fields.value
      array_config = "CONTAINS"
    }
  }

  fields {
    field_path = each.value.field
    vector_config {
      dimension = coalesce(local.embedding_dimensions, each.value.dimension)
      flat {}
    }
  }
}

# TTL: Firestore deletes a document some time after its expires_at (typically within a day); the
# code never trusts an expired record before that.
resource "google_firestore_field" "ttl" {
  for_each = { for policy in local.firestore.ttl_policies : "${policy.collection_group}.${policy.field}" => policy }

  database   = google_firestore_database.main.name
  collection = each.value.collection_group
  field      = each.value.field

  ttl_config {}

  # No single-field index on a TTL timestamp: nothing queries it, and indexing monotonically
  # increasing values hotspots writes.
  index_config {}
}

# Fields nothing queries: no single-field indexes, so writes do not pay for them.
resource "google_firestore_field" "unindexed" {
  for_each = { for field in try(local.firestore.unindexed_fields, []) : "${field.collection_group}.${field.field}" => field }

  database   = google_firestore_database.main.name
  collection = each.value.collection_group
  field      = each.value.field

  index_config {}
}
