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
-- A GROUP BY on the beneficiary's hash keeps those paid from two diaspora
-- countries and min_total_usd in their whole history. A window of
-- window_days lies within two running spans of window_days (day //
-- window_days); a GROUP BY on the hash and the span finds the pairs of
-- spans that could hold min_countries (as many payments, two
-- countries at least) and min_total_usd (counting no refunds); only a
-- window that starts in such a pair can qualify, and only the rows of
-- those pairs go through the windows.
-- Each step reads rule_txns itself: a CTE that several steps read would
-- be materialised, every row of it.
WITH whole AS (
    SELECT beneficiary_hash
    FROM rule_txns
    WHERE beneficiary_hash IS NOT NULL AND list_contains($diaspora_countries, from_country)
    GROUP BY beneficiary_hash
    HAVING count(from_country) >= $min_countries
       AND ($min_countries < 2 OR min(from_country) < max(from_country))
       AND sum(greatest(amount_usd, 0)) >= $min_total_usd
),
spans AS (
    SELECT beneficiary_hash, day // $window_days AS span,
           count(from_country) AS n, min(from_country) AS lo, max(from_country) AS hi,
           sum(greatest(amount_usd, 0)) AS usd
    FROM rule_txns
    WHERE beneficiary_hash IN (SELECT beneficiary_hash FROM whole)
      AND list_contains($diaspora_countries, from_country)
    GROUP BY beneficiary_hash, day // $window_days
),
starts AS (
    SELECT a.beneficiary_hash, a.span
    FROM spans a
    LEFT JOIN spans b ON b.beneficiary_hash = a.beneficiary_hash AND b.span = a.span + 1
    WHERE a.n + coalesce(b.n, 0) >= $min_countries
      AND ($min_countries < 2 OR least(a.lo, coalesce(b.lo, a.lo)) < greatest(a.hi, coalesce(b.hi, a.hi)))
      AND a.usd + coalesce(b.usd, 0) >= $min_total_usd
),
kept AS (
    SELECT beneficiary_hash, span, max(is_start) AS is_start
    FROM (SELECT beneficiary_hash, span, 1 AS is_start FROM starts
          UNION ALL
          SELECT beneficiary_hash, span + 1, 0 FROM starts) k
    GROUP BY beneficiary_hash, span
),
pay AS (
    SELECT txn_id, occurred_at, day, amount_usd, beneficiary_name, beneficiary, beneficiary_hash, sender,
           from_country AS country
    FROM rule_txns
    WHERE beneficiary_hash IN (SELECT beneficiary_hash FROM starts)
      AND list_contains($diaspora_countries, from_country)
),
candidates AS (
    SELECT beneficiary
    FROM pay
    GROUP BY beneficiary
    HAVING count(DISTINCT country) >= $min_countries AND sum(amount_usd) >= $min_total_usd
),
cpay AS (
    SELECT p.* FROM pay p JOIN candidates c USING (beneficiary)
),
windows AS (
    SELECT DISTINCT beneficiary, occurred_at AS window_start
    FROM (
        SELECT c.beneficiary, c.occurred_at, k.is_start,
               count(DISTINCT c.country) OVER w AS n_countries,
               sum(c.amount_usd) OVER w AS total_usd
        FROM cpay c
        JOIN kept k ON k.beneficiary_hash = c.beneficiary_hash AND k.span = c.day // $window_days
        WINDOW w AS (PARTITION BY c.beneficiary ORDER BY c.occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE is_start = 1 AND n_countries >= $min_countries AND total_usd >= $min_total_usd
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
