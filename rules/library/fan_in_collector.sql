/* ---
id: fan_in_collector
version: 1
title: Many unrelated senders pay one collector
severity: high
indicators: [FATF-2022-MS, FinCEN-2014-A008, FinCEN-2023-HS, AUSTRAC-PS]
params:
  window_days: {default: 14, doc: days in which the payments fall}
  min_senders: {default: 3, doc: distinct senders}
  min_total_usd: {default: 3000, doc: sum over the window in USD}
explain: >
  {n_senders} senders in {n_countries} countries paid {beneficiary_name} ({subject_key})
  USD {total_usd} in {n_txn} payments between {window_start} and {window_end}.
--- */
-- A beneficiary is known by phone, else account, else name key; a sender
-- likewise. Each payment opens a window; a window is reported when no
-- earlier qualifying window of the same beneficiary already covers its start.
WITH pay AS (
    SELECT txn_id, occurred_at, amount_usd, sender_country, beneficiary_name,
           coalesce(beneficiary_phone, beneficiary_account, beneficiary_name_key) AS beneficiary,
           coalesce(sender_phone, sender_account, sender_name_key) AS sender
    FROM transactions
    WHERE amount_usd IS NOT NULL
      AND coalesce(beneficiary_phone, beneficiary_account, beneficiary_name_key) IS NOT NULL
),
windows AS (
    SELECT a.beneficiary,
           a.occurred_at AS window_start,
           max(b.occurred_at) AS window_end,
           count(DISTINCT b.sender) AS n_senders,
           count(DISTINCT b.sender_country) AS n_countries,
           sum(b.amount_usd) AS total_usd,
           min(b.beneficiary_name) AS beneficiary_name,
           list(b.txn_id ORDER BY b.occurred_at, b.txn_id) AS txn_ids
    FROM pay a
    JOIN pay b
      ON b.beneficiary = a.beneficiary
     AND b.occurred_at >= a.occurred_at
     AND b.occurred_at < a.occurred_at + $window_days * INTERVAL '1' DAY
    GROUP BY a.beneficiary, a.occurred_at
    HAVING count(DISTINCT b.sender) >= $min_senders
       AND sum(b.amount_usd) >= $min_total_usd
)
SELECT 'beneficiary' AS subject_type,
       w.beneficiary AS subject_key,
       w.window_start,
       w.window_end,
       least(100, 40 + 10 * w.n_senders + 5 * w.n_countries) AS score,
       w.total_usd,
       w.txn_ids,
       w.n_senders,
       w.n_countries,
       w.beneficiary_name
FROM windows w
WHERE NOT EXISTS (
    SELECT 1 FROM windows p
    WHERE p.beneficiary = w.beneficiary
      AND p.window_start < w.window_start
      AND p.window_start > w.window_start - $window_days * INTERVAL '1' DAY
)
ORDER BY w.beneficiary, w.window_start
