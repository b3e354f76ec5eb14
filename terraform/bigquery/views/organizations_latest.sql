-- Current state of each organization: its latest change (change_id breaks ties; duplicates collapse).
SELECT * EXCEPT (row_rank)
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY organization_id ORDER BY changed_at DESC, change_id DESC) AS row_rank
  FROM `${project_id}.${dataset_id}.organizations`
)
WHERE row_rank = 1
