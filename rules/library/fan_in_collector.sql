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
-- likewise. Each payment opens a window of window_days; a window is
-- reported when no earlier qualifying window of the same beneficiary
-- already covers its start.
WITH pay AS (
    SELECT txn_id, occurred_at, amount_usd, sender_country, beneficiary_name,
           coalesce(beneficiary_phone, beneficiary_account, beneficiary_name_key) AS beneficiary,
           coalesce(sender_phone, sender_account, sender_name_key) AS sender
    FROM transactions
    WHERE amount_usd IS NOT NULL
      AND coalesce(beneficiary_phone, beneficiary_account, beneficiary_name_key) IS NOT NULL
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
        SELECT beneficiary, occurred_at,
               count(DISTINCT sender) OVER w AS n_senders,
               sum(amount_usd) OVER w AS total_usd
        FROM cpay
        WINDOW w AS (PARTITION BY beneficiary ORDER BY occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE n_senders >= $min_senders AND total_usd >= $min_total_usd
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
