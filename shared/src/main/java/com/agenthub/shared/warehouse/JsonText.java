package com.agenthub.shared.warehouse;

/** A value of a BigQuery JSON column: JSON text, sent as it is. */
public record JsonText(String json) {}
