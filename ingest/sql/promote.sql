-- Types the staged rows and converts amounts with the rate of the nearest
-- earlier day; a missing rate leaves the converted amount empty.
INSERT INTO transactions
SELECT
    s.txn_id, s.source_id, s.source_sheet, s.source_row, s.kind, s.reference, s.occurred_at,
    CAST(s.amount AS DECIMAL(18, 3)) AS amount,
    s.currency,
    CAST(CASE WHEN s.currency = 'USD' THEN CAST(s.amount AS DECIMAL(18, 3))
              ELSE CAST(s.amount AS DECIMAL(18, 3)) * fx.usd_per_unit END AS DECIMAL(18, 2)) AS amount_usd,
    CAST(CASE WHEN s.currency = 'EUR' THEN CAST(s.amount AS DECIMAL(18, 3))
              WHEN s.currency = 'USD' THEN CAST(s.amount AS DECIMAL(18, 3)) / eur.usd_per_unit
              ELSE CAST(s.amount AS DECIMAL(18, 3)) * fx.usd_per_unit / eur.usd_per_unit END AS DECIMAL(18, 2)) AS amount_eur,
    s.sender_name, s.sender_name_key, s.sender_phone, s.sender_account, s.sender_country, s.sender_city,
    s.beneficiary_name, s.beneficiary_name_key, s.beneficiary_phone, s.beneficiary_account,
    s.beneficiary_country, s.beneficiary_city,
    s.sending_agent, s.paying_agent, s.memo,
    CAST(s.raw AS JSON) AS raw
FROM ingest_stage s
ASOF LEFT JOIN fx_rates fx
    ON fx.currency = s.currency AND s.occurred_at >= fx.day
ASOF LEFT JOIN (SELECT day, usd_per_unit FROM fx_rates WHERE currency = 'EUR') eur
    ON s.occurred_at >= eur.day;

INSERT INTO quarantine
SELECT source_id, source_sheet, source_row, CAST(raw AS JSON), reasons
FROM ingest_quarantine_stage;

DROP TABLE ingest_stage;
DROP TABLE ingest_quarantine_stage;
