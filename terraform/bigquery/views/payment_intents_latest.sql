-- Current state of each payment intent: its latest change.
SELECT * EXCEPT (row_rank)
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY organization_id, payment_intent_id ORDER BY changed_at DESC, change_id DESC) AS row_rank
  FROM `${project_id}.${dataset_id}.payment_intents`
)
WHERE row_rank = 1
