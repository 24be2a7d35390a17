/* ---
id: fan_in_collector
version: 1
title: Many unrelated senders pay one collector
severity: low
description: >
  A ransom is raised by several relatives, often in several countries, who
  are told to pay one collector. Ordinary remittances go from one or two
  relatives to one family; a beneficiary that several unrelated senders pay
  within two weeks, for a sum in the ransom range, is a collector's pattern.
  A busy shop or trader in a hub is paid that way too: on the sample data
  one alert in two to three is a collector (samples eval, five runs), so
  the rule is of low severity alone and feeds party risk and
  ransom_passed_on, which adds the pass-on a shop does not make.
indicators: [FATF-2022-MS, FinCEN-2014-A008, FinCEN-2023-HS, AUSTRAC-PS]
params:
  window_days: {default: 14, doc: days in which the payments fall}
  min_senders: {default: 3, doc: distinct senders}
  min_total_usd: {default: 3000, type: number, doc: sum over the window in USD}
explain: >
  {n_senders} senders in {n_countries} countries paid {beneficiary_name} ({subject_key})
  USD {total_usd} in {n_txn} payments between {window_start} and {window_end}.
--- */
-- A beneficiary is known by phone, else account, else name key; a sender
-- likewise (rule_txns holds both). Each payment opens a window of
-- window_days; a window is reported when no earlier qualifying window of
-- the same beneficiary already covers its start.
-- A GROUP BY on the beneficiary's hash keeps those paid as many times as
-- min_senders and min_total_usd (counting no refunds) in their whole
-- history. A window lies within two running spans of window_days (day //
-- window_days); a GROUP BY on the hash and the span finds the pairs of
-- spans that hold as much, and only a window that starts in such a pair
-- can qualify: only the rows of those pairs go through the windows.
WITH whole AS (
    SELECT beneficiary_hash
    FROM rule_txns
    WHERE beneficiary_hash IS NOT NULL
    GROUP BY beneficiary_hash
    HAVING count(sender_hash) >= $min_senders AND sum(greatest(amount_usd, 0)) >= $min_total_usd
),
spans AS (
    SELECT beneficiary_hash, day // $window_days AS span,
           count(sender_hash) AS n,
           sum(greatest(amount_usd, 0)) AS usd
    FROM rule_txns
    WHERE beneficiary_hash IN (SELECT beneficiary_hash FROM whole)
    GROUP BY beneficiary_hash, day // $window_days
),
starts AS (
    SELECT a.beneficiary_hash, a.span
    FROM spans a
    LEFT JOIN spans b ON b.beneficiary_hash = a.beneficiary_hash AND b.span = a.span + 1
    WHERE a.n + coalesce(b.n, 0) >= $min_senders
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
    SELECT txn_id, occurred_at, day, amount_usd, sender_country, beneficiary_name, beneficiary, beneficiary_hash, sender
    FROM rule_txns
    WHERE beneficiary_hash IN (SELECT beneficiary_hash FROM starts)
),
-- Only beneficiaries that could qualify at all go through the windows.
candidates AS (
    SELECT beneficiary
    FROM pay
    GROUP BY beneficiary
    HAVING count(DISTINCT sender) >= $min_senders AND sum(amount_usd) >= $min_total_usd
),
cpay AS (
    SELECT p.* FROM pay p JOIN candidates c USING (beneficiary)
),
windows AS (
    SELECT DISTINCT beneficiary, occurred_at AS window_start
    FROM (
        SELECT c.beneficiary, c.occurred_at, k.is_start,
               count(DISTINCT c.sender) OVER w AS n_senders,
               sum(c.amount_usd) OVER w AS total_usd
        FROM cpay c
        JOIN kept k ON k.beneficiary_hash = c.beneficiary_hash AND k.span = c.day // $window_days
        WINDOW w AS (PARTITION BY c.beneficiary ORDER BY c.occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE is_start = 1 AND n_senders >= $min_senders AND total_usd >= $min_total_usd
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
       least(100, 40 + 10 * count(DISTINCT p.sender) + 5 * count(DISTINCT p.sender_country)) AS score,
       sum(p.amount_usd) AS total_usd,
       list(p.txn_id ORDER BY p.occurred_at, p.txn_id) AS txn_ids,
       count(DISTINCT p.sender) AS n_senders,
       count(DISTINCT p.sender_country) AS n_countries,
       min(p.beneficiary_name) AS beneficiary_name
FROM firsts f
JOIN cpay p
  ON p.beneficiary = f.beneficiary
 AND p.occurred_at >= f.window_start
 AND p.occurred_at < f.window_start + $window_days * INTERVAL '1' DAY
GROUP BY f.beneficiary, f.window_start
ORDER BY f.beneficiary, f.window_start
