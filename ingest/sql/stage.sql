-- Rows of one file, as normalised text, before SQL types them. Lives only
-- inside the file's transaction.
CREATE TABLE ingest_stage (
    txn_id               VARCHAR,
    source_id            VARCHAR,
    source_sheet         VARCHAR,
    source_row           INTEGER,
    kind                 VARCHAR,
    reference            VARCHAR,
    occurred_at          TIMESTAMP,
    amount               VARCHAR,
    currency             VARCHAR,
    sender_name          VARCHAR,
    sender_name_key      VARCHAR,
    sender_phone         VARCHAR,
    sender_account       VARCHAR,
    sender_country       VARCHAR,
    sender_city          VARCHAR,
    beneficiary_name     VARCHAR,
    beneficiary_name_key VARCHAR,
    beneficiary_phone    VARCHAR,
    beneficiary_account  VARCHAR,
    beneficiary_country  VARCHAR,
    beneficiary_city     VARCHAR,
    sending_agent        VARCHAR,
    paying_agent         VARCHAR,
    memo                 VARCHAR,
    raw                  VARCHAR
);

CREATE TABLE ingest_quarantine_stage (
    source_id    VARCHAR,
    source_sheet VARCHAR,
    source_row   INTEGER,
    raw          VARCHAR,
    reasons      VARCHAR
);
