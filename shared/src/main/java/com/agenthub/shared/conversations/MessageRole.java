package com.agenthub.shared.conversations;

import com.agenthub.shared.errors.ApiError;

/** Who wrote a message: the chat roles of the model APIs agents use. */
public enum MessageRole {
  USER, ASSISTANT, SYSTEM, TOOL;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static MessageRole parse(String field, String value) {
    for (MessageRole role : values()) {
      if (role.wire().equals(value)) {
        return role;
      }
    }
    throw ApiError.invalid(field, "'" + field + "' must be one of user, assistant, system, tool");
  }
}
