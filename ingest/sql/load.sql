-- Loads one sheet's stage files, written by ingest (stage.go), in one pass
-- of DuckDB's parallel CSV reader each: good rows into transactions, typed
-- as read, their parties joined from the tables of distinct parties, with
-- amounts converted at the rate of the nearest earlier day (a missing rate
-- leaves the converted amount empty); bad rows into quarantine.
-- The template fills in generated column names only (c1, c2, …): header
-- names, paths and ids are bound. DuckDB's reader refuses an empty file,
-- so each INSERT runs only when its stage has rows.

CREATE OR REPLACE TEMP TABLE ingest_rates AS
SELECT d.currency, d.day, fx.usd_per_unit, eur.usd_per_unit AS eur_usd_per_unit
FROM ingest_days d
ASOF LEFT JOIN fx_rates fx
    ON fx.currency = d.currency AND d.day >= fx.day
ASOF LEFT JOIN (SELECT day, usd_per_unit FROM fx_rates WHERE currency = 'EUR') eur
    ON d.day >= eur.day;

{{if .Good}}
INSERT INTO transactions BY NAME
SELECT
    s.txn_id,
    $source_id AS source_id,
    $sheet AS source_sheet,
    s.source_row,
    $kind AS kind,
    {{text "reference"}} AS reference,
    s.occurred_at,
    s.amount,
    s.currency,
    -- usd_of, but a dollar amount only changes scale: usd_of's rounding
    -- through HUGEINT costs about a second a million rows.
    CASE WHEN s.currency = 'USD' THEN CAST(s.amount AS DECIMAL(18, 2))
         ELSE usd_of(s.amount, s.currency, r.usd_per_unit) END AS amount_usd,
    eur_of(s.amount, s.currency, r.usd_per_unit, r.eur_usd_per_unit) AS amount_eur,
    sp.name AS sender_name,
    sp.name_key AS sender_name_key,
    sp.phone AS sender_phone,
    sp.account AS sender_account,
    sp.country AS sender_country,
    {{text "sender_city"}} AS sender_city,
    bp.name AS beneficiary_name,
    bp.name_key AS beneficiary_name_key,
    bp.phone AS beneficiary_phone,
    bp.account AS beneficiary_account,
    bp.country AS beneficiary_country,
    {{text "beneficiary_city"}} AS beneficiary_city,
    {{text "sending_agent"}} AS sending_agent,
    {{text "paying_agent"}} AS paying_agent,
    {{text "memo"}} AS memo,
    -- Between the bound keys when no cell needs escaping (the stage then
    -- leaves raw empty): json_object costs twice as much.
    coalesce(s.raw, {{.Raw}}) AS raw,
    nullif(list_concat(CAST(CAST(s.flags AS JSON) AS VARCHAR[]), sp.flags, bp.flags), []) AS flags,
    -- A transfer that did not go through keeps its row, out of every sum
    -- (mapping.go writes the flag). The LIKE spares the other rows the
    -- list and its lambda.
    CASE WHEN s.flags LIKE '%: the money may not have moved%'
         THEN list_filter(CAST(CAST(s.flags AS JSON) AS VARCHAR[]), f -> f LIKE 'status %: the money may not have moved')[1]
    END AS not_counted
FROM read_csv($path,
    header = false, delim = ',', quote = '"', escape = '"',
    nullstr = '', allow_quoted_nulls = false, new_line = '\n',
    max_line_size = 8388608, strict_mode = true,
    {{if .Cells}}force_not_null = [{{range $i, $c := .Cells}}{{if $i}}, {{end}}'{{$c}}'{{end}}],{{end}}
    columns = {
        'sender': 'BIGINT', 'beneficiary': 'BIGINT', 'source_row': 'INTEGER', 'txn_id': 'VARCHAR',
        'occurred_at': 'TIMESTAMP', 'amount': 'DECIMAL(18, 3)', 'currency': 'VARCHAR', 'flags': 'VARCHAR',
        'reference': 'VARCHAR', 'sender_city': 'VARCHAR', 'beneficiary_city': 'VARCHAR',
        'sending_agent': 'VARCHAR', 'paying_agent': 'VARCHAR', 'memo': 'VARCHAR', 'raw': 'VARCHAR'
        {{range .Cells}}, '{{.}}': 'VARCHAR'{{end}}
    }) s
LEFT JOIN ingest_sender sp ON sp.id = s.sender
LEFT JOIN ingest_beneficiary bp ON bp.id = s.beneficiary
LEFT JOIN ingest_rates r
    ON r.currency = s.currency AND r.day = CAST(s.occurred_at AS DATE);
{{end}}

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
DROP TABLE ingest_days;
DROP TABLE ingest_sender;
DROP TABLE ingest_beneficiary;
