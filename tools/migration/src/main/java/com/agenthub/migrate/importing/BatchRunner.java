package com.agenthub.migrate.importing;

import com.agenthub.migrate.api.Answer;
import com.agenthub.migrate.api.PublicApi;
import com.agenthub.migrate.compare.Projections;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.Rejection;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonArray;
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
 * rest of its batch is sent again without it: UpsertRows, EmbedTexts and CreateAgents are all-or-none); a 409
 * on a kept id is a conflict; anything unexpected fails the batch, which then stays out of the
 * checkpoint and is done again by the next run.
 */
final class BatchRunner {

  private static final Pattern INDEXED_FIELD = Pattern.compile("^(rows|texts|events|agents)\\[(\\d+)](?:\\.(.*))?$");

  /**
   * JSON characters of agents per CreateAgents call: the API takes bodies of up to 1 MiB, and an
   * agent's configuration alone may hold 64 KiB, so large agents go fewer to a call.
   */
  static final int MAX_CALL_CHARS = 512 * 1024;

  private final PublicApi api;
  private final ValidatedSnapshot snapshot;
  private final Map<String, JsonObject> countersByAgent = new HashMap<>();

  BatchRunner(PublicApi api, ValidatedSnapshot snapshot) {
    this.api = api;
    this.snapshot = snapshot;
    snapshot.valid(Dictionary.COUNTERS).forEach(c -> countersByAgent.put(c.legacyId(), c.data()));
  }

  BatchOutcome run(Batch batch) {
    return switch (batch.dictionary()) {
      case TABLES -> oneByOne(batch);
      case AGENTS -> agents(batch);
      case FAQS_STORE, KNOWLEDGE_BASE, DOCUMENTS_STORE, PAYMENT_INTENTS -> oneByOne(batch);
      case DATABASE, EMBEDDINGS_CACHE, ANALYTICS_DATA -> together(batch);
      case COUNTERS, TRANSACTIONS -> throw new IllegalArgumentException(batch.dictionary() + " are imported with the records they belong to");
    };
  }

  private BatchOutcome oneByOne(Batch batch) {
    int created = 0;
    int existing = 0;
    int companionsCreated = 0;
    int companionsExisting = 0;
    List<Rejection> rejected = new ArrayList<>();
    List<Rejection> conflicts = new ArrayList<>();
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
        created++;
        companionsCreated += body.has("counters") ? 1 : companions.size();
      } else if (answer.status() == 200) {
        existing++;
        companionsExisting += companions.size();
      } else if (answer.status() == 409 && record.dictionary() == Dictionary.TABLES) {
        if (sameTable(record)) {
          existing++;
        } else {
          conflicts.add(Rejection.of(record, "columns", "a table of this name already exists with other columns"));
        }
      } else if (answer.status() == 409) {
        conflicts.add(Rejection.of(record, answer.errorField(), answer.errorMessage()));
        companions.forEach(t -> conflicts.add(Rejection.of(t, "payment_intent_id", "its payment intent is in conflict: " + answer.errorMessage())));
      } else if (answer.status() == 400 || answer.status() == 422 || answer.status() == 413) {
        rejected.add(Rejection.of(record, answer.errorField().isEmpty() ? "(record)" : answer.errorField(),
            "the API refused it: " + answer.errorMessage()));
        companions.forEach(t -> rejected.add(Rejection.of(t, "payment_intent_id", "its payment intent was refused: " + answer.errorMessage())));
      } else {
        throw failure(batch, answer);
      }
    }
    return new BatchOutcome(created, existing, rejected, conflicts, companionsCreated, companionsExisting);
  }

  /**
   * Agents with their legacy counters through CreateAgents: as many per call as fit
   * ({@link Requests#AGENTS_PER_CALL}, {@link #MAX_CALL_CHARS}), one plan-usage claim each call
   * instead of one per agent. Each item answers created, found (a re-run, a dual write) or a
   * conflict on its kept id; an agent the API names as invalid (a 400 on {@code agents[i].…},
   * which writes nothing) is rejected and the call made again without it.
   */
  private BatchOutcome agents(Batch batch) {
    int created = 0;
    int existing = 0;
    int countersCreated = 0;
    List<Rejection> rejected = new ArrayList<>();
    List<Rejection> conflicts = new ArrayList<>();
    List<LegacyRecord> left = new ArrayList<>(batch.records());
    while (!left.isEmpty()) {
      List<LegacyRecord> call = new ArrayList<>(left.subList(0, fitting(left)));
      Answer answer = api.post("CreateAgents", Requests.agents(call, countersByAgent));
      if (answer.ok()) {
        JsonArray items = answer.object().getAsJsonArray("agents");
        for (int i = 0; i < call.size(); i++) {
          JsonObject item = items.get(i).getAsJsonObject();
          LegacyRecord record = call.get(i);
          switch (item.get("result").getAsString()) {
            case "created" -> {
              created++;
              countersCreated += countersByAgent.containsKey(record.legacyId()) ? 1 : 0;
            }
            case "found" -> existing++;
            default -> {
              JsonObject error = item.getAsJsonObject("error");
              if (!"conflict".equals(error.get("code").getAsString())) {
                // e.g. limit_exceeded in a later commit of the call: the batch stays out of the checkpoint.
                throw new BatchFailedException("batch " + batch.id() + ": CreateAgents answered " + error.get("code").getAsString()
                    + " for " + record.legacyId() + ": " + error.get("message").getAsString());
              }
              String field = error.get("field").isJsonNull() ? "id" : strip(error.get("field").getAsString());
              conflicts.add(Rejection.of(record, field, error.get("message").getAsString()));
            }
          }
        }
        left = new ArrayList<>(left.subList(call.size(), left.size()));
        continue;
      }
      Matcher named = INDEXED_FIELD.matcher(answer.errorField());
      if ((answer.status() == 400 || answer.status() == 422) && named.matches() && Integer.parseInt(named.group(2)) < call.size()) {
        LegacyRecord bad = left.remove(Integer.parseInt(named.group(2)));
        rejected.add(Rejection.of(bad, named.group(3) == null ? "(record)" : named.group(3), "the API refused it: " + answer.errorMessage()));
        continue;
      }
      if (answer.status() == 400 || answer.status() == 413 || answer.status() == 422) {
        // Refused whole without naming an agent: the body too large or nested too deep (a batch nests
        // each configuration two levels deeper than CreateAgent does). These go one by one instead.
        BatchOutcome single = oneByOne(new Batch(batch.id(), batch.dictionary(), call));
        created += single.created();
        existing += single.existing();
        countersCreated += single.companionsCreated();
        rejected.addAll(single.rejected());
        conflicts.addAll(single.conflicts());
        left = new ArrayList<>(left.subList(call.size(), left.size()));
        continue;
      }
      throw failure(batch, answer);
    }
    return new BatchOutcome(created, existing, rejected, conflicts, countersCreated, 0);
  }

  /** How many of {@code agents}, from the first, go in one CreateAgents call (at least one). */
  private int fitting(List<LegacyRecord> agents) {
    int chars = 0;
    int n = 0;
    while (n < agents.size() && n < Requests.AGENTS_PER_CALL) {
      chars += Requests.agent(agents.get(n), countersByAgent).toString().length();
      if (n > 0 && chars > MAX_CALL_CHARS) {
        break;
      }
      n++;
    }
    return n;
  }

  private boolean sameTable(LegacyRecord table) {
    Answer existing = api.get("GetTable", Map.of("table", table.legacyId()));
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
      String function = upsert ? "UpsertRows" : Requests.function(batch.dictionary());
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
        return new BatchOutcome(left.size() - answer.object().getAsJsonArray("rejected").size(), 0, rejected, List.of());
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

  private static BatchFailedException failure(Batch batch, Answer answer) {
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
