-- A rerun refreshes what the rule found; an analyst's status stays. The
-- rule's alerts arrive in alert_stage, a temporary table of this
-- transaction's connection. An alert found before (alert_kept, which save
-- counts and drops) is deleted and written again with its status: DuckDB's
-- ON CONFLICT DO UPDATE took three times as long for the same rows, and a
-- plain INSERT of new alerts half as long.
CREATE OR REPLACE TEMP TABLE alert_kept AS
SELECT a.alert_id, a.status
FROM alerts a SEMI JOIN temp.main.alert_stage s ON s.alert_id = a.alert_id;

DELETE FROM alerts WHERE alert_id IN (SELECT alert_id FROM temp.main.alert_kept);

INSERT INTO alerts (alert_id, rule_id, rule_version, severity, score, subject_type, subject_key,
                    window_start, window_end, total_usd, n_txn, txn_ids, summary, status, run_id, params)
SELECT s.alert_id, $rule_id, $rule_version, $severity, s.score, s.subject_type, s.subject_key,
       s.window_start, s.window_end, CAST(s.total_usd AS DECIMAL(18, 2)), s.n_txn, s.txn_ids, s.summary,
       coalesce(k.status, 'new'), $run_id, CAST($params AS JSON)
FROM temp.main.alert_stage s
LEFT JOIN temp.main.alert_kept k ON k.alert_id = s.alert_id;
