package com.agenthub.shared.adapter.bigquery;

import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.agenthub.shared.warehouse.JsonText;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain Java values to BigQuery's wire forms and back. */
final class BigQueryValues {

  /** RFC 3339 with exactly six fraction digits: real BigQuery and bigquery-local both parse it losslessly. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private BigQueryValues() {}

  /** A row's content for insertAll: nulls left out (absent = NULL), each value in its JSON wire form. */
  static Map<String, Object> content(Map<String, Object> values) {
    Map<String, Object> content = new LinkedHashMap<>();
    values.forEach((column, value) -> {
      if (value != null) {
        content.put(column, toWire(value));
      }
    });
    return content;
  }

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MICROS));
  }

  private static Object toWire(Object value) {
    if (value instanceof Instant instant) {
      return timestamp(instant);
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof JsonText json) {
      return json.json();
    }
    if (value instanceof java.math.BigDecimal decimal) {
      // NUMERIC travels as a string: exact to its 9 decimals.
      return decimal.toPlainString();
    }
    if (value instanceof Long || value instanceof Integer) {
      // INT64 travels as a string so values beyond 2^53 survive JSON.
      return value.toString();
    }
    return value;
  }

  static QueryParameterValue parameter(QueryParameter parameter) {
    switch (parameter.type()) {
      case STRING:
        return QueryParameterValue.string(parameter.value());
      case INT64:
        return QueryParameterValue.int64(Long.parseLong(parameter.value()));
      case DATE:
        return QueryParameterValue.date(LocalDate.parse(parameter.value()).toString());
      case TIMESTAMP:
        // The client's timestamp(String) wants "yyyy-MM-dd HH:mm:ss.SSSSSSZZ"; micros keep it exact.
        Instant instant = Instant.parse(parameter.value()).truncatedTo(ChronoUnit.MICROS);
        return QueryParameterValue.timestamp(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000);
      default:
        throw new IllegalArgumentException("unsupported parameter type " + parameter.type());
    }
  }

  /** One result row as column name → plain value. */
  static Map<String, Object> row(FieldList fields, FieldValueList values) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      row.put(field.getName(), value(field, values.get(i)));
    }
    return row;
  }

  private static Object value(Field field, FieldValue value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (field.getMode() == Field.Mode.REPEATED) {
      List<Object> items = new ArrayList<>();
      Field item = field.toBuilder().setMode(Field.Mode.NULLABLE).build();
      value.getRepeatedValue().forEach(v -> items.add(value(item, v)));
      return items;
    }
    StandardSQLTypeName type = standardType(field.getType());
    switch (type) {
      case INT64:
        return value.getLongValue();
      case FLOAT64:
        return value.getDoubleValue();
      case BOOL:
        return value.getBooleanValue();
      case TIMESTAMP:
        return value.getTimestampInstant();
      case STRUCT:
        return row(field.getSubFields(), value.getRecordValue());
      default:
        // STRING, DATE (yyyy-MM-dd), JSON (its text), NUMERIC, DATETIME, TIME, BYTES: the wire text.
        return value.getStringValue();
    }
  }

  private static StandardSQLTypeName standardType(LegacySQLTypeName type) {
    return type.getStandardType();
  }
}
