-- Per organization, agent and day (UTC): conversations with a message that day, messages, tokens, and the
-- median latency of the messages that report one. Each message counted once, however often it was relayed.
WITH messages AS (
  SELECT * FROM `${project_id}.${dataset_id}.conversation_messages`
  QUALIFY ROW_NUMBER() OVER (PARTITION BY change_id ORDER BY created_at) = 1
),
ranked AS (
  SELECT organization_id, agent_id, DATE(created_at) AS day, latency_ms,
    ROW_NUMBER() OVER (PARTITION BY organization_id, agent_id, DATE(created_at) ORDER BY latency_ms) AS latency_rank,
    COUNT(*) OVER (PARTITION BY organization_id, agent_id, DATE(created_at)) AS latencies
  FROM messages
  WHERE latency_ms IS NOT NULL
),
medians AS (
  -- The middle value, or the mean of the two middle values (APPROX_QUANTILES is not exact).
  SELECT organization_id, agent_id, day, AVG(latency_ms) AS median_latency_ms
  FROM ranked
  WHERE latency_rank * 2 IN (latencies, latencies + 1, latencies + 2)
  GROUP BY organization_id, agent_id, day
)
SELECT daily.*, medians.median_latency_ms
FROM (
  SELECT organization_id, agent_id, DATE(created_at) AS day,
    COUNT(DISTINCT conversation_id) AS conversations,
    COUNT(*) AS messages,
    SUM(tokens_in) AS tokens_in,
    SUM(tokens_out) AS tokens_out
  FROM messages
  GROUP BY organization_id, agent_id, day
) AS daily
LEFT JOIN medians USING (organization_id, agent_id, day)
