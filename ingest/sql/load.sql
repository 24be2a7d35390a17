-- Loads one file's stage (written by ingest, one line per source row) in a
-- single pass by DuckDB's parallel CSV reader: good rows into transactions,
-- typed here, with amounts converted at the rate of the nearest earlier
-- day (a missing rate leaves the converted amount empty); bad rows into
-- quarantine.
CREATE TEMP TABLE ingest_stage AS
SELECT *
FROM read_csv($path,
    header = false, delim = ',', quote = '"', escape = '"',
    nullstr = '', allow_quoted_nulls = false, new_line = '\n',
    max_line_size = 8388608, strict_mode = true,
    columns = {
        'source_sheet': 'VARCHAR', 'source_row': 'INTEGER', 'ok': 'VARCHAR', 'reasons': 'VARCHAR',
        'flags': 'VARCHAR', 'occurred_at': 'VARCHAR', 'amount': 'VARCHAR', 'currency': 'VARCHAR',
        'reference': 'VARCHAR',
        'sender_name': 'VARCHAR', 'sender_name_key': 'VARCHAR', 'sender_phone': 'VARCHAR',
        'sender_account': 'VARCHAR', 'sender_country': 'VARCHAR', 'sender_city': 'VARCHAR',
        'beneficiary_name': 'VARCHAR', 'beneficiary_name_key': 'VARCHAR', 'beneficiary_phone': 'VARCHAR',
        'beneficiary_account': 'VARCHAR', 'beneficiary_country': 'VARCHAR', 'beneficiary_city': 'VARCHAR',
        'sending_agent': 'VARCHAR', 'paying_agent': 'VARCHAR', 'memo': 'VARCHAR', 'kind': 'VARCHAR',
        'raw': 'VARCHAR'
    });

INSERT INTO transactions BY NAME
SELECT
    'T' || substr(sha256(concat_ws(chr(0), $source_id, coalesce(s.source_sheet, ''), s.source_row)), 1, 20) AS txn_id,
    $source_id AS source_id,
    s.source_sheet, s.source_row, s.kind, s.reference,
    CAST(s.occurred_at AS TIMESTAMP) AS occurred_at,
    CAST(s.amount AS DECIMAL(18, 3)) AS amount,
    s.currency,
    usd_of(CAST(s.amount AS DECIMAL(18, 3)), s.currency, fx.usd_per_unit) AS amount_usd,
    eur_of(CAST(s.amount AS DECIMAL(18, 3)), s.currency, fx.usd_per_unit, eur.usd_per_unit) AS amount_eur,
    s.sender_name, s.sender_name_key, s.sender_phone, s.sender_account, s.sender_country, s.sender_city,
    s.beneficiary_name, s.beneficiary_name_key, s.beneficiary_phone, s.beneficiary_account,
    s.beneficiary_country, s.beneficiary_city,
    s.sending_agent, s.paying_agent, s.memo,
    CAST(s.raw AS JSON) AS raw,
    CAST(CAST(s.flags AS JSON) AS VARCHAR[]) AS flags
FROM ingest_stage s
ASOF LEFT JOIN fx_rates fx
    ON fx.currency = s.currency AND CAST(s.occurred_at AS TIMESTAMP) >= fx.day
ASOF LEFT JOIN (SELECT day, usd_per_unit FROM fx_rates WHERE currency = 'EUR') eur
    ON CAST(s.occurred_at AS TIMESTAMP) >= eur.day
WHERE s.ok = '1';

INSERT INTO quarantine
SELECT $source_id, source_sheet, source_row, CAST(raw AS JSON), reasons
FROM ingest_stage
WHERE ok = '0';

DROP TABLE ingest_stage;
