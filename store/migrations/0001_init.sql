-- Schema v1: every table in DESIGN.md. Times are UTC; amounts are DECIMAL.

CREATE TABLE runs (
    run_id      VARCHAR PRIMARY KEY,
    trigger     VARCHAR NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status      VARCHAR NOT NULL,
    stats       JSON,
    error       VARCHAR
);

CREATE TABLE sources (
    source_id        VARCHAR PRIMARY KEY,
    path             VARCHAR NOT NULL,
    file_name        VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,
    profile          VARCHAR NOT NULL,
    size_bytes       BIGINT NOT NULL,
    rows_read        BIGINT NOT NULL,
    rows_loaded      BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    loaded_at        TIMESTAMP NOT NULL,
    run_id           VARCHAR
);

-- No key constraints: bulk loads append here and keys are enforced by the
-- loader (a key violation in an appender drops its whole batch).
CREATE TABLE transactions (
    txn_id               VARCHAR NOT NULL,
    source_id            VARCHAR NOT NULL,
    source_sheet         VARCHAR,
    source_row           INTEGER NOT NULL,
    kind                 VARCHAR NOT NULL,
    reference            VARCHAR,
    occurred_at          TIMESTAMP NOT NULL,
    amount               DECIMAL(18, 3) NOT NULL, -- 3 places: LYD, KWD, BHD
    currency             VARCHAR NOT NULL,
    amount_usd           DECIMAL(18, 2),
    amount_eur           DECIMAL(18, 2),
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
    raw                  JSON NOT NULL
);

CREATE TABLE quarantine (
    source_id    VARCHAR NOT NULL,
    source_sheet VARCHAR,
    source_row   INTEGER NOT NULL,
    raw          JSON NOT NULL,
    reasons      VARCHAR NOT NULL
);

CREATE TABLE fx_rates (
    currency     VARCHAR NOT NULL,
    day          DATE NOT NULL,
    usd_per_unit DECIMAL(18, 8) NOT NULL,
    source       VARCHAR NOT NULL,
    PRIMARY KEY (currency, day)
);

CREATE TABLE parties (
    party_id     VARCHAR PRIMARY KEY,
    display_name VARCHAR,
    name_key     VARCHAR,
    phones       VARCHAR[],
    accounts     VARCHAR[],
    countries    VARCHAR[],
    n_in         BIGINT NOT NULL,
    n_out        BIGINT NOT NULL,
    usd_in       DECIMAL(18, 2),
    usd_out      DECIMAL(18, 2)
);

CREATE TABLE watchlist (
    hvt_id        VARCHAR PRIMARY KEY,
    primary_name  VARCHAR NOT NULL,
    aliases       VARCHAR[],
    phones        VARCHAR[],
    accounts      VARCHAR[],
    nationalities VARCHAR[],
    birth_date    VARCHAR,
    source        VARCHAR NOT NULL,
    notes         VARCHAR
);

CREATE TABLE alerts (
    alert_id     VARCHAR PRIMARY KEY,
    rule_id      VARCHAR NOT NULL,
    rule_version INTEGER NOT NULL,
    severity     VARCHAR NOT NULL,
    score        DOUBLE NOT NULL,
    subject_type VARCHAR NOT NULL,
    subject_key  VARCHAR NOT NULL,
    window_start TIMESTAMP,
    window_end   TIMESTAMP,
    total_usd    DECIMAL(18, 2),
    n_txn        INTEGER NOT NULL,
    txn_ids      VARCHAR[] NOT NULL,
    summary      VARCHAR NOT NULL,
    status       VARCHAR NOT NULL DEFAULT 'new',
    run_id       VARCHAR,
    params       JSON
);

CREATE TABLE hvt_links (
    hvt_id      VARCHAR NOT NULL,
    party_id    VARCHAR NOT NULL,
    score       DOUBLE NOT NULL,
    method      VARCHAR NOT NULL,
    hops        INTEGER NOT NULL DEFAULT 0,
    explanation VARCHAR NOT NULL,
    run_id      VARCHAR,
    PRIMARY KEY (hvt_id, party_id, method)
);
