-- Loads one sheet's stage files, written by ingest, in one pass of DuckDB's
-- parallel CSV reader each: good rows into transactions, typed as read,
-- with amounts converted at the rate of the nearest earlier day (a missing
-- rate leaves the converted amount empty); bad rows into quarantine.
-- The template fills in generated column names only (c1, c2, …): header
-- names, paths and ids are bound.

CREATE OR REPLACE TEMP TABLE ingest_rates AS
SELECT d.currency, d.day, fx.usd_per_unit, eur.usd_per_unit AS eur_usd_per_unit
FROM ingest_days d
ASOF LEFT JOIN fx_rates fx
    ON fx.currency = d.currency AND d.day >= fx.day
ASOF LEFT JOIN (SELECT day, usd_per_unit FROM fx_rates WHERE currency = 'EUR') eur
    ON d.day >= eur.day;

INSERT INTO transactions BY NAME
SELECT
    'T' || substr(sha256(concat_ws(chr(0), $source_id, $sheet_key, s.source_row)), 1, 20) AS txn_id,
    $source_id AS source_id,
    $sheet AS source_sheet,
    s.source_row,
    $kind AS kind,
    {{col "reference"}} AS reference,
    s.occurred_at,
    s.amount,
    {{col "currency"}} AS currency,
    usd_of(s.amount, {{col "currency"}}, r.usd_per_unit) AS amount_usd,
    eur_of(s.amount, {{col "currency"}}, r.usd_per_unit, r.eur_usd_per_unit) AS amount_eur,
    {{col "sender_name"}} AS sender_name,
    s.sender_name_key,
    {{col "sender_phone"}} AS sender_phone,
    {{col "sender_account"}} AS sender_account,
    {{col "sender_country"}} AS sender_country,
    {{col "sender_city"}} AS sender_city,
    {{col "beneficiary_name"}} AS beneficiary_name,
    s.beneficiary_name_key,
    {{col "beneficiary_phone"}} AS beneficiary_phone,
    {{col "beneficiary_account"}} AS beneficiary_account,
    {{col "beneficiary_country"}} AS beneficiary_country,
    {{col "beneficiary_city"}} AS beneficiary_city,
    {{col "sending_agent"}} AS sending_agent,
    {{col "paying_agent"}} AS paying_agent,
    {{col "memo"}} AS memo,
    {{raw}} AS raw,
    CAST(CAST(s.flags AS JSON) AS VARCHAR[]) AS flags
FROM read_csv($path,
    header = false, delim = ',', quote = '"', escape = '"',
    nullstr = '', allow_quoted_nulls = false, new_line = '\n',
    max_line_size = 8388608, strict_mode = true,
    columns = {
        'source_row': 'INTEGER', 'flags': 'VARCHAR', 'occurred_at': 'TIMESTAMP', 'amount': 'DECIMAL(18, 3)',
        'currency': 'VARCHAR', 'reference': 'VARCHAR',
        'sender_name': 'VARCHAR', 'sender_name_key': 'VARCHAR', 'sender_phone': 'VARCHAR',
        'sender_account': 'VARCHAR', 'sender_country': 'VARCHAR', 'sender_city': 'VARCHAR',
        'beneficiary_name': 'VARCHAR', 'beneficiary_name_key': 'VARCHAR', 'beneficiary_phone': 'VARCHAR',
        'beneficiary_account': 'VARCHAR', 'beneficiary_country': 'VARCHAR', 'beneficiary_city': 'VARCHAR',
        'sending_agent': 'VARCHAR', 'paying_agent': 'VARCHAR', 'memo': 'VARCHAR', 'raw': 'VARCHAR'
        {{range .Cells}}, '{{.}}': 'VARCHAR'{{end}}
    }) s
LEFT JOIN ingest_rates r
    ON r.currency = {{col "currency"}} AND r.day = CAST(s.occurred_at AS DATE);

{{if .Bad}}
INSERT INTO quarantine
SELECT $source_id, $sheet, b.source_row, CAST(b.raw AS JSON), b.reasons
FROM read_csv($bad_path,
    header = false, delim = ',', quote = '"', escape = '"',
    nullstr = '', allow_quoted_nulls = false, new_line = '\n',
    max_line_size = 8388608, strict_mode = true,
    columns = {'source_row': 'INTEGER', 'reasons': 'VARCHAR', 'raw': 'VARCHAR'}) b;
{{end}}

DROP TABLE ingest_rates;
