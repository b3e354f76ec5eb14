package com.agenthub.shared.agents;

import com.agenthub.shared.concurrency.GroupCommit;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.BatchItem;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Concurrent single creates of one organization share their commit: the requests that arrive
 * while one organization's create is under way go out together in the next, as one creation with
 * one plan-usage claim ({@link GroupCommit}; a lone request never waits for company). Each create
 * otherwise claims the organization's one usage document under a precondition, so n concurrent
 * creates race for it, n - 1 lose, re-read and try again — at 16 concurrent creates some ran out
 * of attempts (503). When the requests cannot share a commit — the plan has room for some of them
 * only, two name the same id, they do not fit one commit — nothing of theirs was written and each
 * is created alone, so a caller hears only of its own outcome.
 */
final class SharedCreates {

  /** At most this many requests share one commit (a few writes each: the agent, its change record, its opening counters). */
  private static final int MAX_TOGETHER = 32;

  private record Ask(NewAgent request, CompletableFuture<BatchItem<Agents.Created>> outcome) {}

  private final AgentCreation creation;
  // One queue per organization this instance has created agents for: a few dozen bytes each.
  private final Map<String, GroupCommit<Ask>> byOrganization = new ConcurrentHashMap<>();

  SharedCreates(AgentCreation creation) {
    this.creation = creation;
  }

  BatchItem<Agents.Created> create(String organizationId, NewAgent request) {
    Ask ask = new Ask(request, new CompletableFuture<>());
    byOrganization.computeIfAbsent(organizationId, org -> new GroupCommit<>(MAX_TOGETHER, asks -> createTogether(org, asks)))
        .submit(ask);
    try {
      return ask.outcome().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }

  /** One creation for all of them if they can share it; else each alone. A store failure of the shared one reaches every caller. */
  private void createTogether(String organizationId, List<Ask> asks) {
    if (asks.size() > 1 && distinctIds(asks)) {
      try {
        Optional<List<BatchItem<Agents.Created>>> together = creation.createInOneCommit(organizationId,
            asks.stream().map(Ask::request).toList());
        if (together.isPresent()) {
          for (int i = 0; i < asks.size(); i++) {
            asks.get(i).outcome().complete(together.get().get(i));
          }
          return;
        }
      } catch (ApiError refusedTogether) {
        // Nothing was written (e.g. the plan has room for only some of them): each alone decides.
      }
    }
    for (Ask ask : asks) {
      try {
        ask.outcome().complete(creation.create(organizationId, List.of(ask.request())).get(0));
      } catch (RuntimeException e) {
        ask.outcome().completeExceptionally(e);
      }
    }
  }

  private static boolean distinctIds(List<Ask> asks) {
    Set<String> ids = new HashSet<>();
    return asks.stream().map(a -> a.request().id()).flatMap(Optional::stream).allMatch(ids::add);
  }
}
