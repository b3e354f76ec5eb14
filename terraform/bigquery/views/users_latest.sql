-- Current state of each user: its latest change (change_id breaks ties; duplicates collapse); a deleted user stays, with is_deleted = TRUE.
SELECT * EXCEPT (row_rank), change_type = 'deleted' AS is_deleted
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY organization_id, user_id ORDER BY changed_at DESC, change_id DESC) AS row_rank
  FROM `${project_id}.${dataset_id}.users`
)
WHERE row_rank = 1
