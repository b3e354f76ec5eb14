package com.agenthub.shared.tables;

import com.agenthub.shared.errors.ApiError;
import com.google.gson.JsonElement;
import java.util.Arrays;

/** One filter of a QueryRows or DeleteRows request, as given: a column, an operator and a JSON value. */
public record RowFilter(String column, Op op, JsonElement value) {

  public enum Op {
    EQ("eq"), NEQ("neq"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte"), IN("in"), IS_NULL("is_null");

    private final String wire;

    Op(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Op parse(String field, String text) {
      return Arrays.stream(values()).filter(op -> op.wire.equals(text)).findFirst()
          .orElseThrow(() -> ApiError.invalid(field, "'" + field + "' must be one of "
              + Arrays.stream(values()).map(Op::wire).toList()));
    }
  }
}
