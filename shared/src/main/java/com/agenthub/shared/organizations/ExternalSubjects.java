package com.agenthub.shared.organizations;

import com.agenthub.shared.errors.ApiError;
import java.util.regex.Pattern;

/** An identity provider's subject: Firebase Auth uids are at most 128 characters; printable ASCII here. */
final class ExternalSubjects {

  private static final Pattern FORMAT = Pattern.compile("[\\x21-\\x7E]{1,128}");

  private ExternalSubjects() {}

  static String require(String subject) {
    if (subject == null || !FORMAT.matcher(subject).matches()) {
      throw ApiError.invalid("external_subject", "'external_subject' must be 1 to 128 printable ASCII characters without spaces");
    }
    return subject;
  }
}
