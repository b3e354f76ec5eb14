package com.agenthub.shared.warehouse;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Row records — one Java record per warehouse table, a component per column — and their three
 * forms: plain values for the warehouse, JSON for messages and outbox documents, and the column
 * list the schema files are checked against. A component {@code organizationId} is the column
 * {@code organization_id}; {@code Optional} makes it NULLABLE, anything else REQUIRED.
 */
public final class Rows {

  private Rows() {}

  /** One column as BigQuery declares it. */
  public record Column(String name, String type, String mode) {}

  public static List<Column> columns(Class<? extends Record> rowType) {
    List<Column> columns = new ArrayList<>();
    for (RecordComponent component : rowType.getRecordComponents()) {
      boolean optional = component.getType() == Optional.class;
      Class<?> valueType = optional ? optionalArgument(component) : component.getType();
      // A double[] is a REPEATED FLOAT column (an embedding); an empty array is BigQuery's empty repeated value.
      String mode = valueType == double[].class ? "REPEATED" : optional ? "NULLABLE" : "REQUIRED";
      columns.add(new Column(columnName(component), bigQueryType(valueType, component), mode));
    }
    return columns;
  }

  /** Column name to value: String, Long, Boolean, Double, BigDecimal, Instant, LocalDate, JsonText, or null. */
  public static Map<String, Object> values(Record row) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (RecordComponent component : COMPONENTS.get(row.getClass())) {
      Object value = read(row, component);
      if (value instanceof Optional<?> optional) {
        value = optional.orElse(null);
      }
      if (value instanceof Integer i) {
        value = i.longValue();
      }
      if (value instanceof double[] array) {
        value = java.util.Arrays.stream(array).boxed().toList();
      }
      values.put(columnName(component), value);
    }
    return values;
  }

  /** The row as JSON: timestamps and dates as ISO-8601 strings, JSON columns as their text. */
  public static JsonObject toJson(Record row) {
    return toJson(values(row));
  }

  /** Plain values (as {@link #values} gives them) as JSON, in the same form. */
  public static JsonObject toJson(Map<String, Object> values) {
    JsonObject json = new JsonObject();
    values.forEach((column, value) -> json.add(column, toJsonValue(value)));
    return json;
  }

  /**
   * Reads a row back from {@link #toJson}. Throws IllegalArgumentException naming the column
   * when a REQUIRED one is missing, a value has the wrong type, or an unknown column is present.
   */
  public static <R extends Record> R fromJson(Class<R> rowType, JsonObject json) {
    RecordComponent[] components = rowType.getRecordComponents();
    Object[] arguments = new Object[components.length];
    Map<String, RecordComponent> known = new LinkedHashMap<>();
    for (RecordComponent component : components) {
      known.put(columnName(component), component);
    }
    for (String name : json.keySet()) {
      if (!known.containsKey(name)) {
        throw new IllegalArgumentException("unknown column '" + name + "'");
      }
    }
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      String name = columnName(component);
      JsonElement element = json.get(name);
      boolean optional = component.getType() == Optional.class;
      Class<?> valueType = optional ? optionalArgument(component) : component.getType();
      Object value = element == null || element.isJsonNull() ? null : fromJsonValue(valueType, element, name);
      if (value == null && !optional) {
        throw new IllegalArgumentException("column '" + name + "' is REQUIRED");
      }
      arguments[i] = optional ? Optional.ofNullable(value) : value;
    }
    try {
      Constructor<R> constructor = rowType.getDeclaredConstructor(
          java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + rowType.getSimpleName(), e);
    }
  }

  static String columnName(RecordComponent component) {
    return COLUMN_NAMES.computeIfAbsent(component.getName(),
        name -> name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
  }

  /** Reflection and the name mapping once per row type, not once per row: rows are converted on every write's outbox record. */
  private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
    @Override
    protected RecordComponent[] computeValue(Class<?> type) {
      return type.getRecordComponents();
    }
  };
  private static final java.util.concurrent.ConcurrentHashMap<String, String> COLUMN_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

  private static String bigQueryType(Class<?> type, RecordComponent component) {
    if (type == String.class) {
      return "STRING";
    }
    if (type == long.class || type == Long.class) {
      return "INTEGER";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "BOOLEAN";
    }
    if (type == double.class || type == Double.class || type == double[].class) {
      return "FLOAT";
    }
    if (type == Instant.class) {
      return "TIMESTAMP";
    }
    if (type == LocalDate.class) {
      return "DATE";
    }
    if (type == JsonText.class) {
      return "JSON";
    }
    if (type == BigDecimal.class) {
      return "NUMERIC";
    }
    throw new IllegalStateException(component + ": no BigQuery type for " + type.getName());
  }

  private static JsonElement toJsonValue(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof BigDecimal decimal) {
      // As text: exact, where a JSON number may pass through a double on the way.
      return new JsonPrimitive(decimal.toPlainString());
    }
    if (value instanceof Number number) {
      return new JsonPrimitive(number);
    }
    if (value instanceof Boolean bool) {
      return new JsonPrimitive(bool);
    }
    if (value instanceof JsonText text) {
      return new JsonPrimitive(text.json());
    }
    if (value instanceof List<?> list) {
      com.google.gson.JsonArray array = new com.google.gson.JsonArray();
      list.forEach(item -> array.add(toJsonValue(item)));
      return array;
    }
    return new JsonPrimitive(value.toString());
  }

  private static Object fromJsonValue(Class<?> type, JsonElement element, String name) {
    try {
      if (type == double[].class) {
        if (!element.isJsonArray()) {
          throw new IllegalArgumentException("not an array");
        }
        double[] values = new double[element.getAsJsonArray().size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = element.getAsJsonArray().get(i).getAsDouble();
        }
        return values;
      }
      if (!element.isJsonPrimitive()) {
        throw new IllegalArgumentException("not a scalar");
      }
      JsonPrimitive primitive = element.getAsJsonPrimitive();
      if (type == String.class) {
        return requireString(primitive);
      }
      if (type == long.class || type == Long.class) {
        if (!primitive.isNumber()) {
          throw new IllegalArgumentException("not a number");
        }
        return primitive.getAsBigDecimal().longValueExact();
      }
      if (type == boolean.class || type == Boolean.class) {
        if (!primitive.isBoolean()) {
          throw new IllegalArgumentException("not a boolean");
        }
        return primitive.getAsBoolean();
      }
      if (type == double.class || type == Double.class) {
        return primitive.getAsDouble();
      }
      if (type == Instant.class) {
        return Instant.parse(requireString(primitive));
      }
      if (type == LocalDate.class) {
        return LocalDate.parse(requireString(primitive));
      }
      if (type == JsonText.class) {
        return new JsonText(requireString(primitive));
      }
      if (type == BigDecimal.class) {
        return new BigDecimal(primitive.getAsString());
      }
    } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
      throw new IllegalArgumentException("column '" + name + "' is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
    throw new IllegalStateException("no conversion to " + type.getName());
  }

  private static String requireString(JsonPrimitive primitive) {
    if (!primitive.isString()) {
      throw new IllegalArgumentException("not a string");
    }
    return primitive.getAsString();
  }

  private static Class<?> optionalArgument(RecordComponent component) {
    Type argument = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
    return (Class<?>) argument;
  }

  private static Object read(Record row, RecordComponent component) {
    try {
      return component.getAccessor().invoke(row);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }
}
