package com.agenthub.migrate.importing;

import com.agenthub.migrate.api.Answer;
import com.agenthub.migrate.api.PublicApi;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.Rejection;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Agents (with their legacy counters) through CreateAgents, FAQs through CreateFaqs, payment intents
 * (with their transactions) through ImportPaymentIntents: as many per call as fit
 * ({@link Requests#PER_BATCH_CALL}, {@link #MAX_CALL_CHARS}), so an organization's plan usage is
 * claimed once per call instead of once per agent, FAQ questions are embedded in one model call,
 * and a call commits many records. Each item answers created, found (a re-run, a
 * dual write) or a conflict on its kept id. A record the API names as invalid (a 400 on
 * {@code agents[i].…}, {@code faqs[i].…}, which writes nothing) is rejected and the call made again without it; a
 * call refused whole without naming one (too large, nested too deep: a batch nests each record two
 * levels deeper than the one-record call) goes one record at a time instead.
 */
final class BatchedCreates {

  /** JSON characters per call: the API takes bodies of up to 1 MiB; one agent's configuration alone may hold 64 KiB. */
  static final int MAX_CALL_CHARS = 512 * 1024;

  private static final Pattern ITEM_FIELD = Pattern.compile("^(agents|faqs|intents)\\[(\\d+)](?:\\.(.*))?$");

  private final PublicApi api;
  private final ValidatedSnapshot snapshot;
  private final Map<String, JsonObject> countersByAgent;
  private final Function<Batch, BatchOutcome> oneByOne;

  BatchedCreates(PublicApi api, ValidatedSnapshot snapshot, Map<String, JsonObject> countersByAgent,
      Function<Batch, BatchOutcome> oneByOne) {
    this.api = api;
    this.snapshot = snapshot;
    this.countersByAgent = countersByAgent;
    this.oneByOne = oneByOne;
  }

  BatchOutcome run(Batch batch) {
    BatchTally tally = new BatchTally();
    List<LegacyRecord> left = new ArrayList<>(batch.records());
    while (!left.isEmpty()) {
      List<JsonObject> items = new ArrayList<>();
      int chars = 0;
      while (items.size() < left.size() && items.size() < Requests.PER_BATCH_CALL) {
        JsonObject item = item(left.get(items.size()));
        chars += item.toString().length();
        if (!items.isEmpty() && chars > MAX_CALL_CHARS) {
          break;
        }
        items.add(item);
      }
      List<LegacyRecord> call = new ArrayList<>(left.subList(0, items.size()));
      Answer answer = api.post(Requests.function(batch.dictionary()), Requests.batch(batch.dictionary(), items));
      if (answer.ok()) {
        JsonArray results = answer.object().getAsJsonArray(Requests.batchList(batch.dictionary()));
        for (int i = 0; i < call.size(); i++) {
          JsonObject result = results.get(i).getAsJsonObject();
          LegacyRecord record = call.get(i);
          List<LegacyRecord> companions = companions(record);
          switch (result.get("result").getAsString()) {
            case "created" -> tally.created(record.dictionary() == Dictionary.AGENTS
                ? (countersByAgent.containsKey(record.legacyId()) ? 1 : 0) : companions.size());
            case "found" -> tally.found(companions.size());
            default -> {
              JsonObject error = result.getAsJsonObject("error");
              String message = error.get("message").getAsString();
              if (!"conflict".equals(error.get("code").getAsString())) {
                // e.g. limit_exceeded in a later commit of the call: the batch stays out of the checkpoint.
                throw new BatchRunner.BatchFailedException("batch " + batch.id() + ": " + Requests.function(batch.dictionary())
                    + " answered " + error.get("code").getAsString() + " for " + record.legacyId() + ": " + message);
              }
              tally.conflict(record, error.get("field").isJsonNull() ? "id" : strip(error.get("field").getAsString()), message, companions);
            }
          }
        }
        left = new ArrayList<>(left.subList(call.size(), left.size()));
        continue;
      }
      Matcher named = ITEM_FIELD.matcher(answer.errorField());
      if ((answer.status() == 400 || answer.status() == 422) && named.matches() && Integer.parseInt(named.group(2)) < call.size()) {
        LegacyRecord bad = left.remove(Integer.parseInt(named.group(2)));
        tally.rejected(bad, named.group(3) == null ? "(record)" : named.group(3), answer.errorMessage(), companions(bad));
        continue;
      }
      if (answer.status() == 400 || answer.status() == 413 || answer.status() == 422) {
        tally.add(oneByOne.apply(new Batch(batch.id(), batch.dictionary(), call)));
        left = new ArrayList<>(left.subList(call.size(), left.size()));
        continue;
      }
      throw BatchRunner.failure(batch, answer);
    }
    return tally.outcome();
  }

  private JsonObject item(LegacyRecord record) {
    return switch (record.dictionary()) {
      case AGENTS -> Requests.agent(record, countersByAgent);
      case FAQS_STORE -> Requests.faq(record);
      default -> Requests.paymentIntent(record, snapshot.transactionsOf(record.legacyId()));
    };
  }

  /** Records imported inside this one's item whose fate is its own: a payment intent's transactions. */
  private List<LegacyRecord> companions(LegacyRecord record) {
    return record.dictionary() == Dictionary.PAYMENT_INTENTS ? snapshot.transactionsOf(record.legacyId()) : List.of();
  }

  private static String strip(String field) {
    Matcher named = ITEM_FIELD.matcher(field);
    return named.matches() ? (named.group(3) == null ? "(record)" : named.group(3)) : field;
  }
}
