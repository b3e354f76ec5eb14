package com.agenthub.functions.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.DevServerProcess;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.local.LocalPorts;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each instance caches the keys it verified. Two instances over one database: this JVM's local
 * stack, and a dev server in a JVM of its own whose cache bound is {@link #BOUND}. A change made
 * on one instance holds there at once and on the other within its bound.
 */
class KeyChangesAcrossInstancesTest {

  private static final Duration BOUND = Duration.ofSeconds(3);
  /** Scheduling on a loaded 2-core machine: time between the bound passing and our next poll. */
  private static final Duration SLACK = Duration.ofMillis(1500);

  private static Process other;
  private static String otherUrl;

  @BeforeAll
  static void startTheOtherInstance() throws Exception {
    LocalStackFixture.baseUrl();
    int port = LocalPorts.free();
    other = DevServerProcess.start(port, Map.of(Settings.API_KEY_CACHE_SECONDS, Long.toString(BOUND.toSeconds())));
    otherUrl = "http://127.0.0.1:" + port;
  }

  @AfterAll
  static void stopIt() throws Exception {
    if (other != null) {
      other.destroy();
      if (!other.waitFor(10, TimeUnit.SECONDS)) {
        other.destroyForcibly();
      }
    }
  }

  @Test
  void aRevokedKeyIsRefusedAtOnceHereAndWithinTheBoundOnTheOtherInstance() throws Exception {
    ApiClient owner = LocalStackFixture.newOrganization("Revocation");
    ApiResponse issued = owner.post("CreateApiKey", "{\"name\": \"ci\"}");
    assertEquals(201, issued.status(), issued.toString());
    ApiClient here = owner.as(issued.json().get("key").getAsString());
    ApiClient there = new ApiClient(otherUrl, here.bearer());
    assertEquals(200, here.get("GetOrganization").status());
    long cachedThere = System.nanoTime();
    assertEquals(200, there.get("GetOrganization").status(), "the other instance verifies the key, and keeps it");

    assertEquals(200, owner.post("RevokeApiKey", "{\"key_id\": \"" + issued.json().get("id").getAsString() + "\"}").status());
    long revoked = System.nanoTime();
    assertEquals(401, here.get("GetOrganization").status(), "refused at once on the instance that revoked it");

    int stillServed = 0;
    ApiResponse answer;
    do {
      answer = there.get("GetOrganization");
      if (answer.status() == 200) {
        stillServed++;
      }
      Thread.sleep(50);
    } while (answer.status() == 200 && System.nanoTime() - revoked < BOUND.plus(SLACK).plusSeconds(5).toNanos());
    long refusedAfter = System.nanoTime() - revoked;

    assertEquals(401, answer.status(), answer.toString());
    assertTrue(refusedAfter <= BOUND.plus(SLACK).toNanos(), "refused by the other instance only after " + refusedAfter / 1_000_000 + " ms");
    if (revoked - cachedThere < BOUND.dividedBy(2).toNanos()) {
      assertTrue(stillServed > 0, "the other instance served its cached key until the bound (it was not re-reading every time)");
    }
  }

  @Test
  void aRoleChangeOrADeletedUserHoldsAtOnceForThatUsersKeyHere() {
    ApiClient owner = LocalStackFixture.newOrganization("Role changes");
    ApiResponse user = owner.post("CreateUser", "{\"email\": \"mia@example.com\", \"display_name\": \"Mia\", \"role\": \"member\"}");
    assertEquals(201, user.status(), user.toString());
    String userId = user.json().get("id").getAsString();
    ApiResponse key = owner.post("CreateApiKey", "{\"name\": \"mia\", \"user_id\": \"" + userId
        + "\", \"scopes\": [\"agents:read\", \"agents:write\"]}");
    assertEquals(201, key.status(), key.toString());
    ApiClient mia = owner.as(key.json().get("key").getAsString());

    // A member may write agents: an empty CreateAgent gets past the scope check to a 400 (nothing is created).
    assertEquals(400, mia.post("CreateAgent", "{}").status());
    assertEquals(200, owner.patch("UpdateUser?user_id=" + userId, "{\"role\": \"viewer\"}", Map.of()).status());
    assertEquals(403, mia.post("CreateAgent", "{}").status(), "a viewer's key lost agents:write at once");
    assertEquals(200, mia.get("ListAgents").status());

    assertEquals(204, owner.delete("DeleteUser?user_id=" + userId, Map.of()).status());
    assertEquals(401, mia.get("ListAgents").status(), "a deleted user's key is refused at once");
  }
}
