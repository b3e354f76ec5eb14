package com.agenthub.shared.tables;

/** The order of a query: one indexed column, ascending or descending; the row id breaks ties in the same direction. */
public record RowOrder(String column, boolean descending) {}
