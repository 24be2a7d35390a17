SELECT run_id AS "run", trigger, stats->>'command' AS "command", started_at AS "started (UTC)",
       round(epoch(finished_at) - epoch(started_at), 1) AS "seconds", status,
       coalesce(error, '') AS "error"
FROM runs
ORDER BY started_at DESC
LIMIT 10
