-- Latency percentiles per function per hour, from the structured request logs (RequestLog's latency_ms).
SELECT
  jsonPayload.function AS function,
  TIMESTAMP_TRUNC(timestamp, HOUR) AS hour,
  COUNT(*) AS requests,
  APPROX_QUANTILES(jsonPayload.latency_ms, 100)[OFFSET(50)] AS p50_ms,
  APPROX_QUANTILES(jsonPayload.latency_ms, 100)[OFFSET(95)] AS p95_ms,
  APPROX_QUANTILES(jsonPayload.latency_ms, 100)[OFFSET(99)] AS p99_ms,
  MAX(jsonPayload.latency_ms) AS max_ms
FROM `${project_id}.${dataset_id}.${table_id}`
WHERE jsonPayload.function IS NOT NULL AND jsonPayload.latency_ms IS NOT NULL
GROUP BY function, hour
