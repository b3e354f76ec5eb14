-- Requests and errors per function per hour, from the structured request logs.
SELECT
  jsonPayload.function AS function,
  TIMESTAMP_TRUNC(timestamp, HOUR) AS hour,
  COUNT(*) AS requests,
  COUNTIF(httpRequest.status >= 500) AS server_errors,
  COUNTIF(httpRequest.status >= 400 AND httpRequest.status < 500) AS client_errors,
  SAFE_DIVIDE(COUNTIF(httpRequest.status >= 500), COUNT(*)) AS server_error_ratio
FROM `${project_id}.${dataset_id}.${table_id}`
WHERE jsonPayload.function IS NOT NULL
GROUP BY function, hour
