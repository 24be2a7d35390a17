-- A rule's alerts on their way to alerts: what differs from alert to
-- alert. The rule, its version, severity, run and parameters are the same
-- for all and are bound once in upsert_alert.sql.
CREATE OR REPLACE TEMP TABLE alert_stage (
    alert_id     VARCHAR,
    score        DOUBLE,
    subject_type VARCHAR,
    subject_key  VARCHAR,
    window_start TIMESTAMP,
    window_end   TIMESTAMP,
    total_usd    VARCHAR,
    n_txn        INTEGER,
    txn_ids      VARCHAR[],
    summary      VARCHAR
);
