-- Current state of each API key: its latest change.
SELECT * EXCEPT (row_rank)
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY organization_id, key_id ORDER BY changed_at DESC, change_id DESC) AS row_rank
  FROM `${project_id}.${dataset_id}.api_keys`
)
WHERE row_rank = 1
