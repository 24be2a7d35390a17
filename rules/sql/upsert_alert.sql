-- A rerun refreshes what the rule found; an analyst's status stays.
INSERT INTO alerts (alert_id, rule_id, rule_version, severity, score, subject_type, subject_key,
                    window_start, window_end, total_usd, n_txn, txn_ids, summary, status, run_id, params)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CAST($10 AS DECIMAL(18, 2)), $11, $12, $13, 'new', $14, CAST($15 AS JSON))
ON CONFLICT (alert_id) DO UPDATE SET
    severity  = excluded.severity,
    score     = excluded.score,
    total_usd = excluded.total_usd,
    n_txn     = excluded.n_txn,
    txn_ids   = excluded.txn_ids,
    summary   = excluded.summary,
    run_id    = excluded.run_id,
    params    = excluded.params;
