-- Current state of each row of each live tenant table: its latest change, unless that deleted it or its table is deleted.
SELECT latest.* EXCEPT (row_rank, change_type)
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY organization_id, table_id, row_id ORDER BY changed_at DESC, change_id DESC) AS row_rank
  FROM `${project_id}.${dataset_id}.table_row_changes`
) AS latest
WHERE latest.row_rank = 1
  AND latest.change_type != 'deleted'
  AND NOT EXISTS (
    SELECT 1 FROM `${project_id}.${dataset_id}.tables` AS t
    WHERE t.organization_id = latest.organization_id AND t.table_id = latest.table_id AND t.change_type = 'deleted'
  )
