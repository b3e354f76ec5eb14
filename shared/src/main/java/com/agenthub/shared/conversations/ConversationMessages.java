package com.agenthub.shared.conversations;

import com.agenthub.shared.agents.AgentCounters;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.paging.Pager;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.versions.Contention;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The messages of a conversation. Each append is one atomic commit that moves the conversation's
 * {@code last_sequence} from N to N+k (on the precondition that it is still at the version read),
 * creates messages N+1..N+k (documents named by their sequence, so a sequence can never be taken
 * twice), the guards of their client message ids, their warehouse records and the agent's usage
 * counters. Concurrent appends race optimistically: one wins each version, the others read again
 * and retry ({@link Contention}) — so sequences are gap-free and strictly increasing, and counters
 * equal what is stored.
 */
public final class ConversationMessages {

  /** Another append took the version (STALE) or a client id (ALREADY_EXISTS), or the commit was aborted: read again. */
  private static final Set<StoreException.Reason> LOST_RACE = Set.of(StoreException.Reason.STALE,
      StoreException.Reason.ALREADY_EXISTS, StoreException.Reason.CONTENTION);

  private final DocumentStore store;
  private final Conversations conversations;
  private final AgentCounters counters;
  private final Clock clock;
  private final Pager pager;

  public ConversationMessages(DocumentStore store, Conversations conversations, AgentCounters counters, Clock clock) {
    this.store = store;
    this.conversations = conversations;
    this.counters = counters;
    this.clock = clock;
    this.pager = new Pager(store);
  }

  /**
   * Appends {@code messages} in order. A message whose client_message_id is already stored is not
   * appended again: it comes back with its sequence, marked replayed. {@code expectedSequence} is
   * the sequence the first new message must get (last + 1); another append got there first → 409.
   */
  public AppendedMessages append(String organizationId, String conversationId, List<NewMessage> messages,
      Optional<Long> expectedSequence) {
    requireBatch(messages);
    String conversation = ConversationIds.require("conversation_id", conversationId);
    List<DocumentPath> reads = new ArrayList<>();
    reads.add(ConversationPaths.conversation(organizationId, conversation));
    reads.add(ConversationPaths.settings(organizationId));
    Map<Integer, Integer> guardRead = new HashMap<>(); // message index -> position in reads
    for (int i = 0; i < messages.size(); i++) {
      Optional<String> clientId = messages.get(i).clientMessageId();
      if (clientId.isPresent()) {
        guardRead.put(i, reads.size());
        reads.add(ConversationPaths.clientMessageId(organizationId, conversation, Sha256.hex(clientId.get())));
      }
    }
    AtomicBoolean agentChecked = new AtomicBoolean();
    return Contention.retry("the conversation", LOST_RACE,
        () -> appendOnce(organizationId, conversation, messages, expectedSequence, reads, guardRead, agentChecked));
  }

  /** One read-then-commit round of {@link #append}; a lost race surfaces as the commit's StoreException. */
  private AppendedMessages appendOnce(String organizationId, String conversation, List<NewMessage> messages,
      Optional<Long> expectedSequence, List<DocumentPath> reads, Map<Integer, Integer> guardRead, AtomicBoolean agentChecked) {
    List<Optional<StoredDocument>> found = store.getAll(reads);
    StoredDocument current = found.get(0).orElseThrow(() -> ApiError.notFound("conversation"));
    if (!agentChecked.getAndSet(true)) {
      conversations.requireLiveAgent(organizationId, current);
    }
    Map<Integer, Long> replayed = replays(messages, guardRead, found);
    if (replayed.size() == messages.size()) {
      return replayOnly(organizationId, conversation, messages, replayed, current.longValue("last_sequence"));
    }
    if (!ConversationStatus.OPEN.wire().equals(current.string("status"))) {
      throw ApiError.withField(ErrorKind.CONFLICT, "conversation_id", "the conversation is closed; it takes no more messages");
    }
    long last = current.longValue("last_sequence");
    if (expectedSequence.isPresent() && expectedSequence.get() != last + 1) {
      throw ApiError.withField(ErrorKind.CONFLICT, "expected_sequence",
          "the next sequence is " + (last + 1) + ", not " + expectedSequence.get() + "; list the new messages and retry");
    }
    Instant now = Timestamps.now(clock);
    Optional<Instant> expiresAt = ConversationSettings.retention(found.get(1)).map(now::plus);
    List<Write> writes = new ArrayList<>();
    List<AppendedMessages.Entry> entries = new ArrayList<>();
    long sequence = last;
    long tokensIn = 0;
    long tokensOut = 0;
    String agentId = current.string("agent_id");
    for (int i = 0; i < messages.size(); i++) {
      if (replayed.containsKey(i)) {
        entries.add(null); // filled in below, once the commit has succeeded
        continue;
      }
      NewMessage message = messages.get(i);
      sequence++;
      tokensIn += message.tokensIn();
      tokensOut += message.tokensOut();
      Map<String, Object> data = MessageDocuments.data(organizationId, agentId, conversation, sequence, message, now, expiresAt);
      writes.add(Write.create(ConversationPaths.message(organizationId, conversation, sequence), data));
      writes.add(MessageDocuments.changeRecord(data, now));
      if (message.clientMessageId().isPresent()) {
        Map<String, Object> guard = new LinkedHashMap<>();
        guard.put("sequence", sequence);
        guard.put("fingerprint", MessageDocuments.fingerprint(message));
        expiresAt.ifPresent(expiry -> guard.put("expires_at", expiry));
        writes.add(Write.create(reads.get(guardRead.get(i)), guard));
      }
      entries.add(new AppendedMessages.Entry(MessageDocuments.message(data), false));
    }
    long appended = sequence - last;
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("last_sequence", sequence);
    fields.put("tokens_in", current.longValue("tokens_in") + tokensIn);
    fields.put("tokens_out", current.longValue("tokens_out") + tokensOut);
    fields.put("last_message_at", now);
    fields.put("updated_at", now);
    writes.add(0, Write.update(current.path(), fields, Optional.of(current.version())));
    writes.addAll(counters.incrementWrites(organizationId, agentId,
        Map.of("messages", appended, "tokens_in", tokensIn, "tokens_out", tokensOut), now));
    store.commit(writes);
    return withReplays(organizationId, conversation, entries, replayed, sequence);
  }

  /** The messages of a conversation by sequence, ascending or descending, optionally only those after a sequence. */
  public Page<Message> list(String organizationId, String conversationId, boolean descending, Optional<Long> afterSequence,
      PageRequest page) {
    conversations.load(organizationId, conversationId);
    Query query = Query.all(ConversationPaths.messages(organizationId, conversationId), 1)
        .orderBy("sequence", descending ? Query.Direction.DESCENDING : Query.Direction.ASCENDING);
    if (afterSequence.isPresent()) {
      if (afterSequence.get() < 0) {
        throw ApiError.invalid("after_sequence", "'after_sequence' must be 0 or more");
      }
      query = query.from(new Query.Bound(afterSequence.get(), false));
    }
    return pager.page(query, page).map(MessageDocuments::message);
  }

  private static void requireBatch(List<NewMessage> messages) {
    if (messages.isEmpty() || messages.size() > Limits.MAX_BATCH) {
      throw ApiError.invalid("messages", "'messages' must hold 1.." + Limits.MAX_BATCH + " messages, got " + messages.size());
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      Optional<String> clientId = messages.get(i).clientMessageId();
      if (clientId.isPresent() && seen.putIfAbsent(clientId.get(), i) != null) {
        throw ApiError.invalid("messages[" + i + "].client_message_id",
            "the same client_message_id is already used by messages[" + seen.get(clientId.get()) + "]");
      }
    }
  }

  /** Message index -> stored sequence, for the messages whose client id is already taken (by the same message). */
  private static Map<Integer, Long> replays(List<NewMessage> messages, Map<Integer, Integer> guardRead,
      List<Optional<StoredDocument>> found) {
    Map<Integer, Long> replayed = new HashMap<>();
    guardRead.forEach((index, position) -> found.get(position).ifPresent(guard -> {
      if (!MessageDocuments.fingerprint(messages.get(index)).equals(guard.string("fingerprint"))) {
        throw ApiError.withField(ErrorKind.UNPROCESSABLE, "messages[" + index + "].client_message_id",
            "this client_message_id is already used by a different message (sequence " + guard.longValue("sequence") + ")");
      }
      replayed.put(index, guard.longValue("sequence"));
    }));
    return replayed;
  }

  private AppendedMessages replayOnly(String organizationId, String conversationId, List<NewMessage> messages,
      Map<Integer, Long> replayed, long lastSequence) {
    List<AppendedMessages.Entry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(null);
    }
    return withReplays(organizationId, conversationId, entries, replayed, lastSequence);
  }

  /** Fills the replayed places of {@code entries} with the stored messages. */
  private AppendedMessages withReplays(String organizationId, String conversationId, List<AppendedMessages.Entry> entries,
      Map<Integer, Long> replayed, long lastSequence) {
    if (!replayed.isEmpty()) {
      List<Integer> indexes = new ArrayList<>(replayed.keySet());
      List<Optional<StoredDocument>> stored = store.getAll(indexes.stream()
          .map(i -> ConversationPaths.message(organizationId, conversationId, replayed.get(i))).toList());
      for (int k = 0; k < indexes.size(); k++) {
        StoredDocument message = stored.get(k).orElseThrow(() -> ApiError.of(ErrorKind.CONFLICT,
            "a replayed message is no longer stored (its retention ended)"));
        entries.set(indexes.get(k), new AppendedMessages.Entry(MessageDocuments.message(message), true));
      }
    }
    return new AppendedMessages(entries, lastSequence);
  }



}
