package com.agenthub.migrate.api;

import com.google.gson.JsonArray;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a key may call the functions a command needs, asked before anything is written. Every
 * function checks the key and its scope first and only then reads the request, so a request it must
 * refuse — a POST whose body is not a JSON object, a GET without the id it needs — writes nothing
 * and answers 400 when the key may call it, 403 naming the scope it lacks, 401 for a key the API does
 * not know, 404 for a function it does not have. A POST that succeeded would have written something
 * it should not have: it counts as a refusal, so the import does not go on.
 */
public final class KeyCheck {

  /** A function the key may not call, and the API's answer. */
  public record Refusal(Endpoint endpoint, int status, String message) {

    @Override
    public String toString() {
      return endpoint.function() + " (" + status + "): " + message;
    }
  }

  /** How a 403 names the scope a function needs (HttpEndpoint's message). */
  private static final Pattern NEEDED_SCOPE = Pattern.compile("needs the scope '([a-z_]+:[a-z_]+)'");

  private KeyCheck() {}

  /** The distinct scopes the refusals name, sorted: what a key for this import must have besides its own. */
  public static Set<String> missingScopes(List<Refusal> refusals) {
    Set<String> scopes = new TreeSet<>();
    for (Refusal refusal : refusals) {
      Matcher named = NEEDED_SCOPE.matcher(refusal.message() == null ? "" : refusal.message());
      if (refusal.status() == 403 && named.find()) {
        scopes.add(named.group(1));
      }
    }
    return scopes;
  }

  /** The endpoints the key may not call; empty when it may call them all. Asked side by side (each may be a cold start). */
  public static List<Refusal> refusals(PublicApi api, Collection<Endpoint> endpoints) {
    List<Endpoint> asked = List.copyOf(endpoints);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, asked.size())));
    try {
      List<CompletableFuture<Answer>> answers = asked.stream()
          .map(endpoint -> CompletableFuture.supplyAsync(() -> endpoint.method().equals("GET")
              ? api.get(endpoint.function(), Map.of())
              : api.post(endpoint.function(), new JsonArray()), pool))
          .toList();
      List<Refusal> refusals = new ArrayList<>();
      for (int i = 0; i < asked.size(); i++) {
        Answer answer = join(answers.get(i));
        if (!mayCall(asked.get(i), answer)) {
          refusals.add(new Refusal(asked.get(i), answer.status(), answer.errorMessage()));
        }
      }
      return refusals;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A refusal of the request itself means the key got past its scope; a read may also just answer. */
  static boolean mayCall(Endpoint endpoint, Answer answer) {
    return answer.status() == 400 || answer.status() == 422 || endpoint.method().equals("GET") && answer.ok();
  }

  private static Answer join(CompletableFuture<Answer> answer) {
    try {
      return answer.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
