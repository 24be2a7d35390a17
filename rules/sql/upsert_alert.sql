-- A rerun refreshes what the rule found; an analyst's status stays. The
-- rule's alerts arrive in alert_stage, a temporary table of this
-- transaction's connection.
INSERT INTO alerts (alert_id, rule_id, rule_version, severity, score, subject_type, subject_key,
                    window_start, window_end, total_usd, n_txn, txn_ids, summary, status, run_id, params)
SELECT alert_id, rule_id, rule_version, severity, score, subject_type, subject_key,
       window_start, window_end, CAST(total_usd AS DECIMAL(18, 2)), n_txn, txn_ids, summary, 'new', run_id,
       CAST(params AS JSON)
FROM temp.main.alert_stage
ON CONFLICT (alert_id) DO UPDATE SET
    severity     = excluded.severity,
    score        = excluded.score,
    window_end   = excluded.window_end,
    total_usd    = excluded.total_usd,
    n_txn        = excluded.n_txn,
    txn_ids      = excluded.txn_ids,
    summary      = excluded.summary,
    run_id       = excluded.run_id,
    params       = excluded.params;
