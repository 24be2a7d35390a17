CREATE OR REPLACE TEMP TABLE alert_stage (
    alert_id     VARCHAR,
    rule_id      VARCHAR,
    rule_version INTEGER,
    severity     VARCHAR,
    score        DOUBLE,
    subject_type VARCHAR,
    subject_key  VARCHAR,
    window_start TIMESTAMP,
    window_end   TIMESTAMP,
    total_usd    VARCHAR,
    n_txn        INTEGER,
    txn_ids      VARCHAR[],
    summary      VARCHAR,
    run_id       VARCHAR,
    params       VARCHAR
);
