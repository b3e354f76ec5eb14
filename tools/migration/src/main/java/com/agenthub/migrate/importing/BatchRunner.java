package com.agenthub.migrate.importing;

import com.agenthub.migrate.api.Answer;
import com.agenthub.migrate.api.PublicApi;
import com.agenthub.migrate.compare.Projections;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.Rejection;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does one batch through the public API. A 400 or 422 about one record rejects that record (the
 * rest of its batch is sent again without it: UpsertRows and EmbedTexts are all-or-none; agents,
 * FAQs and payment intents go in batch calls, see {@link BatchedCreates}); a 409
 * on a kept id is a conflict; anything unexpected fails the batch, which then stays out of the
 * checkpoint and is done again by the next run.
 */
final class BatchRunner {

  private static final Pattern INDEXED_FIELD = Pattern.compile("^(rows|texts|events)\\[(\\d+)](?:\\.(.*))?$");


  private final PublicApi api;
  private final ValidatedSnapshot snapshot;
  private final Map<String, JsonObject> countersByAgent = new HashMap<>();
  private final BatchedCreates batched;

  BatchRunner(PublicApi api, ValidatedSnapshot snapshot) {
    this.api = api;
    this.snapshot = snapshot;
    snapshot.valid(Dictionary.COUNTERS).forEach(c -> countersByAgent.put(c.legacyId(), c.data()));
    this.batched = new BatchedCreates(api, snapshot, countersByAgent, this::oneByOne);
  }

  BatchOutcome run(Batch batch) {
    return switch (batch.dictionary()) {
      case TABLES -> oneByOne(batch);
      case AGENTS, FAQS_STORE, PAYMENT_INTENTS -> batched.run(batch);
      case KNOWLEDGE_BASE, DOCUMENTS_STORE -> oneByOne(batch);
      case DATABASE, EMBEDDINGS_CACHE, ANALYTICS_DATA -> together(batch);
      case COUNTERS, TRANSACTIONS -> throw new IllegalArgumentException(batch.dictionary() + " are imported with the records they belong to");
    };
  }

  private BatchOutcome oneByOne(Batch batch) {
    BatchTally tally = new BatchTally();
    for (LegacyRecord record : batch.records()) {
      List<LegacyRecord> companions = record.dictionary() == Dictionary.PAYMENT_INTENTS ? snapshot.transactionsOf(record.legacyId()) : List.of();
      JsonObject body = switch (record.dictionary()) {
        case TABLES -> Requests.table(record);
        case AGENTS -> Requests.agent(record, countersByAgent);
        case KNOWLEDGE_BASE, DOCUMENTS_STORE -> Requests.document(record);
        case PAYMENT_INTENTS -> Requests.paymentIntent(record, companions);
        default -> Requests.faq(record);
      };
      Answer answer = api.post(Requests.oneRecordFunction(record.dictionary()), body);
      if (answer.status() == 201 || answer.status() == 202) {
        tally.created(body.has("counters") ? 1 : companions.size());
      } else if (answer.status() == 200) {
        tally.found(companions.size());
      } else if (answer.status() == 409 && record.dictionary() == Dictionary.TABLES) {
        if (sameTable(record)) {
          tally.found(0);
        } else {
          tally.conflict(record, "columns", "a table of this name already exists with other columns", List.of());
        }
      } else if (answer.status() == 409) {
        tally.conflict(record, answer.errorField(), answer.errorMessage(), companions);
      } else if (answer.status() == 400 || answer.status() == 422 || answer.status() == 413) {
        tally.rejected(record, answer.errorField().isEmpty() ? "(record)" : answer.errorField(), answer.errorMessage(), companions);
      } else {
        throw failure(batch, answer);
      }
    }
    return tally.outcome();
  }

  private boolean sameTable(LegacyRecord table) {
    Answer existing = api.get(Requests.GET_TABLE, Map.of("table", table.legacyId()));
    return existing.ok() && Projections.fromSnapshot(table).equals(Projections.table(existing.object()));
  }

  /**
   * One call for the whole batch; a record it names as invalid is rejected and the call made again
   * without it. Rows go in with InsertRows (one plain commit: ~the floor's speed); when some of
   * them exist already (a re-run, a batch in flight at a crash, a dual write), the batch is
   * upserted on the primary key instead (a transaction that reads every row first: far slower,
   * so only then).
   */
  private BatchOutcome together(Batch batch) {
    List<LegacyRecord> left = new ArrayList<>(batch.records());
    List<Rejection> rejected = new ArrayList<>();
    boolean upsert = false;
    while (!left.isEmpty()) {
      JsonObject body = switch (batch.dictionary()) {
        case DATABASE -> {
          String table = left.get(0).data().get("table").getAsString();
          yield Requests.rows(table, snapshot.table(table), left, upsert);
        }
        case EMBEDDINGS_CACHE -> Requests.texts(left);
        default -> Requests.events(left);
      };
      String function = upsert ? Requests.UPSERT_ROWS : Requests.function(batch.dictionary());
      Answer answer = api.post(function, body);
      if (batch.dictionary() == Dictionary.DATABASE && !upsert && answer.status() == 409) {
        upsert = true;
        continue;
      }
      if (answer.ok() && batch.dictionary() == Dictionary.ANALYTICS_DATA) {
        for (JsonElement r : answer.object().getAsJsonArray("rejected")) {
          int index = r.getAsJsonObject().get("index").getAsInt();
          JsonObject error = r.getAsJsonObject().getAsJsonObject("error");
          String field = error.has("field") && !error.get("field").isJsonNull() ? error.get("field").getAsString() : "";
          rejected.add(Rejection.of(left.get(index), strip(field), "the API refused it: " + error.get("message").getAsString()));
        }
        int accepted = left.size() - answer.object().getAsJsonArray("rejected").size();
        int stored = answer.object().get("stored").getAsInt();
        return new BatchOutcome(stored, accepted - stored, rejected, List.of());
      }
      if (answer.ok() && batch.dictionary() == Dictionary.EMBEDDINGS_CACHE) {
        int hits = answer.object().get("cache_hits").getAsInt();
        return new BatchOutcome(left.size() - hits, hits, rejected, List.of());
      }
      if (answer.ok()) {
        // UpsertRows does not say which rows were new: a batch that needed it counts as existing.
        return upsert ? new BatchOutcome(0, left.size(), rejected, List.of()) : new BatchOutcome(left.size(), 0, rejected, List.of());
      }
      Matcher named = INDEXED_FIELD.matcher(answer.errorField());
      if ((answer.status() == 400 || answer.status() == 409 || answer.status() == 422) && named.matches()) {
        int index = Integer.parseInt(named.group(2));
        if (index < left.size()) {
          LegacyRecord bad = left.remove(index);
          rejected.add(Rejection.of(bad, named.group(3) == null ? "(record)" : strip(named.group(3)), "the API refused it: " + answer.errorMessage()));
          continue;
        }
      }
      throw failure(batch, answer, function);
    }
    return new BatchOutcome(0, 0, rejected, List.of());
  }

  private static String strip(String field) {
    Matcher named = INDEXED_FIELD.matcher(field);
    return named.matches() ? (named.group(3) == null ? "(record)" : named.group(3)) : field;
  }

  static BatchFailedException failure(Batch batch, Answer answer) {
    return failure(batch, answer, Requests.function(batch.dictionary()));
  }

  private static BatchFailedException failure(Batch batch, Answer answer, String function) {
    return new BatchFailedException("batch " + batch.id() + ": " + function + " answered "
        + answer.status() + " " + answer.errorCode() + ": " + answer.errorMessage());
  }

  static final class BatchFailedException extends RuntimeException {
    BatchFailedException(String message) {
      super(message);
    }
  }
}
