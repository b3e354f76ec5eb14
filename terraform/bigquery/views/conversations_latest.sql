-- Current state of each conversation: its latest change; a deleted conversation stays, with is_deleted = TRUE.
SELECT * EXCEPT (row_rank), change_type = 'deleted' AS is_deleted
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY organization_id, conversation_id ORDER BY changed_at DESC, change_id DESC) AS row_rank
  FROM `${project_id}.${dataset_id}.conversations`
)
WHERE row_rank = 1
