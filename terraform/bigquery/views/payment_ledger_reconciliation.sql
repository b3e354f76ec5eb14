-- Ledger totals against what the intents say, per intent: a row with matches = FALSE is drift.
WITH moved AS (
  SELECT organization_id, transaction_id AS payment_intent_id,
    SUM(CASE kind WHEN 'payment_received' THEN amount_minor WHEN 'capture' THEN amount_minor ELSE 0 END) AS received,
    SUM(CASE kind WHEN 'refund' THEN amount_minor WHEN 'refund_reversal' THEN -amount_minor ELSE 0 END) AS refunded
  FROM `${project_id}.${dataset_id}.payment_transactions`
  GROUP BY organization_id, transaction_id
)
SELECT i.organization_id, i.payment_intent_id, i.amount_received, IFNULL(m.received, 0) AS ledger_received,
  i.amount_refunded, IFNULL(m.refunded, 0) AS ledger_refunded,
  i.amount_received = IFNULL(m.received, 0) AND i.amount_refunded = IFNULL(m.refunded, 0) AS matches
FROM (
  -- Each intent's latest change, inlined: views are created in parallel and may not depend on each other.
  SELECT * FROM `${project_id}.${dataset_id}.payment_intents`
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (PARTITION BY organization_id, payment_intent_id ORDER BY changed_at DESC, change_id DESC) = 1
) AS i
LEFT JOIN moved AS m USING (organization_id, payment_intent_id)
