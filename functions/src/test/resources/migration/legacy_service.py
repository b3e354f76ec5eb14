"""A legacy AgentHub service's dictionaries as the Python service held them, dumped with README's snippet.

Usage: python3 legacy_service.py SNIPPET_FILE SNAPSHOT_DIR
SNIPPET_FILE holds README's dump_snapshot (the test cuts it out of README), so what is tested is what
a user copies. The values are what such a service keeps: datetimes (aware, and naive ones from
datetime.utcnow()), a date, Decimal minor units, sets of tags, tuples, unicode, nested JSON,
integers up to 2^63-1, int keys, and a cache entry that is only a vector.
"""
import datetime
import sys
import threading
from decimal import Decimal

snippet_file, snapshot_dir = sys.argv[1], sys.argv[2]
namespace = {}
with open(snippet_file, encoding="utf-8") as f:
    exec(f.read(), namespace)

utc = datetime.timezone.utc
paris = datetime.timezone(datetime.timedelta(hours=1))
now = datetime.datetime.now(utc).replace(microsecond=123456)

agents = {
    "agent_1": {"name": "Support bot", "industry": "retail", "status": "active",
                "configuration": {"model": "gpt-4", "limits": {"max_tokens": 2 ** 63 - 1}, "tools": ("search", "faq")},
                "created_at": now - datetime.timedelta(days=40)},
    "агент 2": {"name": "Служба поддержки 🤖", "status": "paused", "configuration": {"greeting": "Здравствуйте", "launched": datetime.date(2026, 1, 15)},
               "created_at": datetime.datetime.utcnow() - datetime.timedelta(days=3)},
}
counters = {"agent_1": {"messages": 1042, "tokens_in": 2 ** 40}, "агент 2": {"messages": 7}}
tables = {"orders": {"columns": [{"name": "order_id", "type": "string"}, {"name": "total", "type": "integer"},
                                 {"name": "placed_at", "type": "timestamp"}, {"name": "paid", "type": "boolean"}],
                     "primary_key": "order_id"},
          "visits": {"columns": [{"name": "visit_id", "type": "integer"}, {"name": "page", "type": "string"}], "primary_key": "visit_id"}}
database = {"orders": {
    "o-1": {"order_id": "o-1", "total": 1999, "placed_at": now - datetime.timedelta(days=2), "paid": True},
    "o-2": {"order_id": "o-2", "total": 0, "placed_at": datetime.datetime(2026, 10, 1, 9, 30, tzinfo=paris), "paid": False},
},
    "visits": {1: {"visit_id": 1, "page": "/"}, 2: {"visit_id": 2, "page": "/pricing"}},  # int keys, as autoincrement ids are
}
analytics_data = {
    101: {"event_type": "page.viewed", "timestamp": now - datetime.timedelta(minutes=3)},
    "evt-1": {"event_type": "chat.started", "event_data": {"channel": "web"}, "user_id": "u1", "session_id": "s1",
              "timestamp": now - datetime.timedelta(hours=5)},
    "evt-2": {"event_type": "chat.ended", "event_data": {"turns": 4}, "user_id": "u1", "session_id": "s1",
              "timestamp": datetime.datetime.utcnow() - datetime.timedelta(days=45)},
}
faqs_store = {"faq-1": {"question": "How do I reset my password?", "answer": "Settings → Security.",
                        "category": "account", "tags": {"password", "security"}}}
embeddings_cache = {"3f2a": {"text": "reset password", "model": "all-MiniLM-L6-v2", "vector": [0.1, -0.2, 0.3]},
                    "9bc1": [0.4, 0.5, -0.6]}  # an entry holding only its vector: nothing to re-embed
payment_intents = {"pi_1": {"amount": Decimal("5000"), "currency": "usd", "status": "succeeded",
                            "amount_received": Decimal("5000"), "amount_refunded": 0, "metadata": {"order": "o-1"},
                            "created_at": now - datetime.timedelta(days=30)}}
transactions = {"txn_1": {"payment_intent_id": "pi_1", "kind": "payment", "amount": Decimal("5000"), "currency": "usd",
                          "created_at": now - datetime.timedelta(days=30) + datetime.timedelta(seconds=5)}}
knowledge_base = {"kb-1": {"title": "Returns policy", "content": "Items can be returned within 30 days.",
                           "category": "policy", "tags": ["returns"], "created_at": datetime.datetime(2026, 1, 15, 8, 0, tzinfo=utc)}}
documents_store = {"doc-1": {"content": "Shipping\nWe ship worldwide in 3-5 days.", "metadata": {"source": "wiki"}}}

namespace["dump_snapshot"](snapshot_dir, threading.Lock(), agents, counters, tables, database, analytics_data,
                           faqs_store, embeddings_cache, payment_intents, transactions, knowledge_base, documents_store)
