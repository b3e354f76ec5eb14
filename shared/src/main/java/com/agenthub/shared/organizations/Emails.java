package com.agenthub.shared.organizations;

import com.agenthub.shared.errors.ApiError;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses of users: validated by the practical shape (local@domain.tld, no spaces or
 * control characters, at most 254 characters, RFC 5321's path limit) and normalized to lower
 * case, so that "Ann@Example.com" and "ann@example.com" are one user of an organization.
 */
public final class Emails {

  private static final int MAX_LENGTH = 254;
  private static final Pattern FORMAT = Pattern.compile(
      "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  private Emails() {}

  public static String normalize(String field, String email) {
    String trimmed = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (trimmed.length() > MAX_LENGTH || !FORMAT.matcher(trimmed).matches()) {
      throw ApiError.invalid(field, "'" + field + "' must be an email address such as ann@example.com");
    }
    return trimmed;
  }
}
