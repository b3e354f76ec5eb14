package com.agenthub.shared.organizations;

import com.agenthub.shared.auth.Role;
import java.util.Optional;

/** A CreateUser request, validated on construction. */
public record NewUser(String email, String displayName, Role role, Optional<String> externalSubject) {

  public NewUser {
    email = Emails.normalize("email", email);
    displayName = Names.require("display_name", displayName);
    externalSubject = externalSubject.map(ExternalSubjects::require);
  }
}
