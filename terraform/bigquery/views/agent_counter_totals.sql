-- Total of each agent counter: the sum of its increments, each change counted once.
SELECT organization_id, agent_id, counter, SUM(delta) AS total, MAX(changed_at) AS last_changed_at
FROM (
  SELECT * FROM `${project_id}.${dataset_id}.agent_counter_changes`
  QUALIFY ROW_NUMBER() OVER (PARTITION BY change_id ORDER BY changed_at) = 1
)
GROUP BY organization_id, agent_id, counter
