/* ---
id: multi_country_senders
version: 1
title: Senders in several diaspora countries pay one beneficiary within days
severity: low
description: >
  Relatives scattered over the diaspora are phoned by the captors and pay
  the same person within days of each other. A sender's country is the
  row's, else the country of an IBAN, else that of the phone's calling
  code (hawala ledgers name cities, not countries). Families are supported
  from several countries too, and shops in a hub sell to the whole
  diaspora: on the sample data one alert in three to nine is a collector
  (samples eval, five runs), so the rule is of low severity on its own.
indicators: [FinCEN-2023-HS, SE-SINAI, FATF-2022-MS]
params:
  window_days: {default: 10, doc: days in which the payments fall}
  min_countries: {default: 2, doc: distinct diaspora countries the senders are in}
  min_total_usd: {default: 1500, type: number, doc: 'sum over the window in USD (the low end of the Libyan ransom band)'}
  diaspora_countries: {default: [NL, SE, DE, NO, GB, US, CA, IL, BE, CH, DK, FI, FR, IT, AT, AU], doc: 'countries (ISO codes) whose senders count'}
tables:
  calling_codes: calling_codes.csv
explain: >
  {n_senders} senders in {n_countries} diaspora countries ({countries}) paid {beneficiary_name}
  ({subject_key}) USD {total_usd} in {n_txn} payments between {window_start} and {window_end}.
--- */
WITH pay AS (
    SELECT t.txn_id, t.occurred_at, t.amount_usd, t.beneficiary_name,
           coalesce(t.beneficiary_phone, t.beneficiary_account, t.beneficiary_name_key) AS beneficiary,
           coalesce(t.sender_phone, t.sender_account, t.sender_name_key) AS sender,
           upper(coalesce(t.sender_country,
                          CASE WHEN regexp_matches(t.sender_account, '^[A-Z]{2}[0-9]{2}') THEN left(t.sender_account, 2) END,
                          c1.country, c2.country, c3.country)) AS country
    FROM transactions t
    LEFT JOIN calling_codes c1 ON c1.calling_code = CASE WHEN t.sender_phone LIKE '+%' THEN substr(t.sender_phone, 2, 1) END
    LEFT JOIN calling_codes c2 ON c2.calling_code = CASE WHEN t.sender_phone LIKE '+%' THEN substr(t.sender_phone, 2, 2) END
    LEFT JOIN calling_codes c3 ON c3.calling_code = CASE WHEN t.sender_phone LIKE '+%' THEN substr(t.sender_phone, 2, 3) END
    WHERE t.amount_usd IS NOT NULL
      AND coalesce(t.beneficiary_phone, t.beneficiary_account, t.beneficiary_name_key) IS NOT NULL
),
diaspora AS (
    SELECT * FROM pay WHERE list_contains($diaspora_countries, country)
),
candidates AS (
    SELECT beneficiary
    FROM diaspora
    GROUP BY beneficiary
    HAVING count(DISTINCT country) >= $min_countries AND sum(amount_usd) >= $min_total_usd
),
cpay AS (
    SELECT d.* FROM diaspora d JOIN candidates c USING (beneficiary)
),
windows AS (
    SELECT DISTINCT beneficiary, occurred_at AS window_start
    FROM (
        SELECT beneficiary, occurred_at,
               count(DISTINCT country) OVER w AS n_countries,
               sum(amount_usd) OVER w AS total_usd
        FROM cpay
        WINDOW w AS (PARTITION BY beneficiary ORDER BY occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE n_countries >= $min_countries AND total_usd >= $min_total_usd
),
firsts AS (
    SELECT beneficiary, window_start
    FROM (
        SELECT beneficiary, window_start,
               lag(window_start) OVER (PARTITION BY beneficiary ORDER BY window_start) AS previous_start
        FROM windows
    ) w
    WHERE previous_start IS NULL
       OR previous_start <= window_start - $window_days * INTERVAL '1' DAY
)
SELECT 'beneficiary' AS subject_type,
       f.beneficiary AS subject_key,
       f.window_start,
       max(p.occurred_at) AS window_end,
       least(100, 30 + 15 * count(DISTINCT p.country) + 5 * count(DISTINCT p.sender)) AS score,
       sum(p.amount_usd) AS total_usd,
       list(p.txn_id ORDER BY p.occurred_at, p.txn_id) AS txn_ids,
       count(DISTINCT p.sender) AS n_senders,
       count(DISTINCT p.country) AS n_countries,
       string_agg(DISTINCT p.country, ', ' ORDER BY p.country) AS countries,
       min(p.beneficiary_name) AS beneficiary_name
FROM firsts f
JOIN cpay p
  ON p.beneficiary = f.beneficiary
 AND p.occurred_at >= f.window_start
 AND p.occurred_at < f.window_start + $window_days * INTERVAL '1' DAY
GROUP BY f.beneficiary, f.window_start
ORDER BY f.beneficiary, f.window_start
