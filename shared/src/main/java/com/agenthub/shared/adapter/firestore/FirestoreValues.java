package com.agenthub.shared.adapter.firestore;

import com.agenthub.shared.port.Vector;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.VectorValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between the port's plain values (Instant, Vector) and Firestore's (Timestamp, VectorValue), recursively. */
final class FirestoreValues {

  private FirestoreValues() {}

  static Object toFirestore(Object value) {
    if (value instanceof Instant instant) {
      return Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
    }
    if (value instanceof Vector vector) {
      float[] values = vector.values();
      double[] doubles = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        doubles[i] = values[i];
      }
      return FieldValue.vector(doubles);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, toFirestore(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(toFirestore(v)));
      return out;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> toFirestoreMap(Map<String, Object> data) {
    return (Map<String, Object>) toFirestore(data);
  }

  static Object fromFirestore(Object value) {
    if (value instanceof Timestamp ts) {
      return instant(ts);
    }
    if (value instanceof VectorValue vector) {
      double[] doubles = vector.toArray();
      float[] values = new float[doubles.length];
      for (int i = 0; i < doubles.length; i++) {
        values[i] = (float) doubles[i];
      }
      return new Vector(values);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, fromFirestore(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(fromFirestore(v)));
      return out;
    }
    return value;
  }

  static Instant instant(Timestamp ts) {
    return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
  }
}
