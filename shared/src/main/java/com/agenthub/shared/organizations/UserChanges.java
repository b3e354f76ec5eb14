package com.agenthub.shared.organizations;

import com.agenthub.shared.auth.Role;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import java.util.Optional;

/** What an UpdateUser asks to change; absent fields stay. The email is the user's identity here and does not change. */
public record UserChanges(Optional<String> displayName, Optional<Role> role, Optional<String> externalSubject) {

  public UserChanges {
    displayName = displayName.map(n -> Names.require("display_name", n));
    externalSubject = externalSubject.map(ExternalSubjects::require);
    if (displayName.isEmpty() && role.isEmpty() && externalSubject.isEmpty()) {
      throw ApiError.of(ErrorKind.UNPROCESSABLE, "nothing to change: send display_name, role or external_subject");
    }
  }
}
