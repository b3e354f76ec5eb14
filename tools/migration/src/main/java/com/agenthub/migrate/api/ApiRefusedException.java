package com.agenthub.migrate.api;

/**
 * The API refused a call the command cannot go on without (a read that verify or shadow compares):
 * a key without the scope (403), a key it does not know (401), a function it does not have (404),
 * or an error of its own. The command stops and says so, without a stack trace.
 */
public final class ApiRefusedException extends RuntimeException {

  private final int status;

  public ApiRefusedException(String function, Answer answer) {
    super(function + " answered " + answer.status() + ": " + answer.errorMessage(), null, false, false);
    this.status = answer.status();
  }

  /** True when the key or the base URL is at fault (401, 403, 404): a usage error, not a failure of the run. */
  public boolean refusesTheCaller() {
    return status == 401 || status == 403 || status == 404;
  }
}
