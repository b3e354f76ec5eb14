package com.agenthub.functions.wiring;

import java.util.function.Supplier;

/** A value built on first use, once, thread-safely. */
final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> build;
  private volatile T value;

  Lazy(Supplier<T> build) {
    this.build = build;
  }

  @Override
  public T get() {
    T built = value;
    if (built == null) {
      synchronized (this) {
        if (value == null) {
          value = build.get();
        }
        built = value;
      }
    }
    return built;
  }
}
