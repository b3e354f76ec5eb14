-- Refreshes analytics_daily_metrics: exact per-day counts for every day before today (UTC).
-- Each run recomputes the last ${recompute_days} days before the previous refresh's covered_until
-- (every day, on the first run), since late events (TrackEvents accepts timestamps 30 days back)
-- land in past days. Readers take each day's latest refreshed_at, so the steps need no
-- transaction: new rows first, then the watermark, then the superseded rows go.
DECLARE refresh_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP();
DECLARE refresh_until DATE DEFAULT DATE(refresh_at);
DECLARE refresh_from DATE DEFAULT (
  SELECT IFNULL(DATE_SUB(MAX(covered_until), INTERVAL ${recompute_days} DAY), DATE '1970-01-01')
  FROM `${project_id}.${dataset_id}.aggregate_refreshes`
  WHERE aggregate = 'analytics_daily_metrics');

INSERT INTO `${project_id}.${dataset_id}.analytics_daily_metrics`
  (organization_id, day, event_type, events, users, sessions, refreshed_at)
SELECT organization_id, DATE(created_at) AS day, event_type,
       COUNT(DISTINCT id), COUNT(DISTINCT user_id), COUNT(DISTINCT session_id), refresh_at
FROM `${project_id}.${dataset_id}.analytics_events`
WHERE created_at >= TIMESTAMP(refresh_from) AND created_at < TIMESTAMP(refresh_until)
GROUP BY organization_id, day, event_type;

INSERT INTO `${project_id}.${dataset_id}.aggregate_refreshes` (aggregate, covered_from, covered_until, refreshed_at)
SELECT 'analytics_daily_metrics', refresh_from, refresh_until, refresh_at;

DELETE FROM `${project_id}.${dataset_id}.analytics_daily_metrics`
WHERE day >= refresh_from AND day < refresh_until AND refreshed_at < refresh_at;
