-- Current schema of each tenant table: its latest change; a deleted table stays, with is_deleted = TRUE.
SELECT * EXCEPT (row_rank), change_type = 'deleted' AS is_deleted
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY organization_id, table_id ORDER BY changed_at DESC, change_id DESC) AS row_rank
  FROM `${project_id}.${dataset_id}.tables`
)
WHERE row_rank = 1
