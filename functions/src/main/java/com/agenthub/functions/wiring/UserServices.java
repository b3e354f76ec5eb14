package com.agenthub.functions.wiring;

import com.agenthub.shared.organizations.Users;
import com.agenthub.shared.port.DocumentStore;
import java.time.Clock;

/** The users of organizations: their own wiring, composed into {@link Services}. */
public record UserServices(Users users) {

  /** Over the relaying store, so every user change (and the key revocations it makes) reaches the warehouse. */
  static UserServices over(DocumentStore store, Clock clock) {
    return new UserServices(new Users(store, clock));
  }
}
