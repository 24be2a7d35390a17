/* ---
id: ransom_band
version: 1
title: A beneficiary receives a ransom-sized sum in round amounts within a month
severity: low
description: >
  Ransoms for captives in Libya were typically USD 2,000–6,000 and up to
  12,000 (2014–2024); in Sinai USD 20,000–40,000 and up to 50,000
  (2009–2014). They are paid in a few transfers, mostly in round amounts of
  the sender's currency. This rule reports a beneficiary whose payments
  within the window add up to a sum inside the band, from at least two
  payments most of which are round. Steady support from two relatives,
  school fees, bride prices and medical bills fall in the same band, so the
  rule is of low severity alone (on the sample data about one alert in
  three is a ransom).
  Presets: libya (the defaults) and sinai.
indicators: [PRESS-RANSOM, FATF-2022-MS]
params:
  window_days: {default: 30, doc: days in which the payments fall}
  min_total_usd: {default: 1500, type: number, doc: lowest sum in USD inside the band}
  max_total_usd: {default: 12000, type: number, doc: highest sum in USD inside the band}
  min_payments: {default: 2, doc: payments that make up the sum}
  round_unit: {default: 50, doc: a payment is round when its amount in the sender's currency is a multiple of this}
  min_round_share: {default: 0.5, doc: 'share of the payments that must be round (0.5 means at least half)'}
presets:
  libya: {min_total_usd: 1500, max_total_usd: 12000, window_days: 30}
  sinai: {min_total_usd: 15000, max_total_usd: 50000, window_days: 30}
explain: >
  {beneficiary_name} ({subject_key}) received USD {total_usd} in {n_txn} payments
  ({n_round} of them round) from {n_senders} senders between {window_start} and
  {window_end}: inside the ransom band of USD {min_total_usd}–{max_total_usd}.
--- */
-- A window of window_days lies within two running spans of window_days
-- (day // window_days). A GROUP BY on the beneficiary's hash finds the
-- pairs of spans that hold min_payments and min_total_usd (counting no
-- refunds); only a window that starts in such a pair can qualify, and
-- only the rows of those pairs go through the windows.
WITH spans AS (
    SELECT beneficiary_hash, day // $window_days AS span,
           count(*) AS n, sum(greatest(amount_usd, 0)) AS usd
    FROM rule_txns
    WHERE beneficiary_hash IS NOT NULL
    GROUP BY beneficiary_hash, day // $window_days
),
starts AS (
    SELECT a.beneficiary_hash, a.span
    FROM spans a
    LEFT JOIN spans b ON b.beneficiary_hash = a.beneficiary_hash AND b.span = a.span + 1
    WHERE a.n + coalesce(b.n, 0) >= $min_payments
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
    SELECT txn_id, occurred_at, day, amount, amount_usd, beneficiary_name, beneficiary, beneficiary_hash, sender
    FROM rule_txns
    WHERE beneficiary_hash IN (SELECT beneficiary_hash FROM starts)
),
candidates AS (
    SELECT beneficiary
    FROM pay
    GROUP BY beneficiary
    HAVING count(*) >= $min_payments AND sum(amount_usd) >= $min_total_usd
),
cpay AS (
    SELECT p.*, CASE WHEN p.amount % $round_unit = 0 THEN 1 ELSE 0 END AS is_round
    FROM pay p JOIN candidates c USING (beneficiary)
),
windows AS (
    SELECT DISTINCT beneficiary, occurred_at AS window_start
    FROM (
        SELECT c.beneficiary, c.occurred_at, k.is_start,
               count(*) OVER w AS n,
               sum(c.is_round) OVER w AS n_round,
               sum(c.amount_usd) OVER w AS total_usd
        FROM cpay c
        JOIN kept k ON k.beneficiary_hash = c.beneficiary_hash AND k.span = c.day // $window_days
        WINDOW w AS (PARTITION BY c.beneficiary ORDER BY c.occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE is_start = 1
      AND n >= $min_payments
      AND n_round >= $min_round_share * n
      AND total_usd >= $min_total_usd
      AND total_usd <= $max_total_usd
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
       -- Stronger the more of the payments are round and the more senders.
       round(least(100, 30 + 30 * sum(p.is_round) / count(*) + 5 * count(DISTINCT p.sender)), 1) AS score,
       sum(p.amount_usd) AS total_usd,
       list(p.txn_id ORDER BY p.occurred_at, p.txn_id) AS txn_ids,
       sum(p.is_round) AS n_round,
       count(DISTINCT p.sender) AS n_senders,
       min(p.beneficiary_name) AS beneficiary_name
FROM firsts f
JOIN cpay p
  ON p.beneficiary = f.beneficiary
 AND p.occurred_at >= f.window_start
 AND p.occurred_at < f.window_start + $window_days * INTERVAL '1' DAY
GROUP BY f.beneficiary, f.window_start
ORDER BY f.beneficiary, f.window_start
