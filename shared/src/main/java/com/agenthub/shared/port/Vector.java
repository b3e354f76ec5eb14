package com.agenthub.shared.port;

import java.util.Arrays;

/** A document field holding an embedding, stored as the store's own vector type so it can be searched by nearness. */
public record Vector(float[] values) {

  public Vector {
    values = values.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  public int dimensions() {
    return values.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Vector v && Arrays.equals(values, v.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Vector[" + values.length + "]";
  }
}
