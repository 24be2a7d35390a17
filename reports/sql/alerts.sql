-- One row per alert, strongest first.
SELECT a.alert_id      AS "Alert",
       a.rule_id       AS "Rule",
       a.rule_version  AS "Version",
       a.severity      AS "Severity",
       a.score         AS "Score",
       a.status        AS "Status",
       a.subject_type  AS "Subject type",
       a.subject_key   AS "Subject",
       a.window_start  AS "From",
       a.window_end    AS "To",
       a.total_usd     AS "Total USD",
       a.n_txn         AS "Transactions",
       a.summary       AS "Why",
       h.hvt_id        AS "Nearest HVT",
       h.hops          AS "Hops to HVT",
       h.path          AS "Path to HVT",
       a.run_id        AS "Run"
FROM alerts a
LEFT JOIN alert_hvt h USING (alert_id)
ORDER BY severity_rank(a.severity), a.score DESC, a.rule_id, a.subject_key, a.window_start
