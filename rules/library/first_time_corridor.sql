/* ---
id: first_time_corridor
version: 1
title: A sender's first payment into a hub corridor, far above their usual
severity: low
description: >
  A relative who has only ever sent small sums home suddenly sends a large
  one to a stranger in a hub country: the ransom call came. The rule
  reports a sender with at least three earlier payments on record (the
  median of fewer says little) whose first payment
  into a corridor (from the sender's country to the beneficiary's) goes to
  a beneficiary in a hub country and is at least three times the median of
  the sender's earlier payments, or at least EUR 2,000. Countries come from
  the row, else an IBAN, else the phone's calling code. A first payment to
  a new relative looks the same, hence low severity alone. With --since the
  rule sees no history before the date: give it a margin.
indicators: [FinCEN-2023-HS, AUSTRAC-PS]
params:
  median_multiple: {default: 3.0, doc: the payment is at least this many times the sender's median}
  min_eur: {default: 2000.0, doc: or at least this many EUR}
  min_history: {default: 3, doc: 'earlier payments the sender must have (the median of fewer says little)'}
  hub_countries: {default: [AE, SD, EG, ET, LY], doc: 'countries (ISO codes) of the hubs'}
tables:
  calling_codes: calling_codes.csv
explain: >
  {sender_name} ({subject_key}) sent USD {total_usd} to {beneficiary_name} ({beneficiary})
  in {beneficiary_country} on {window_start}: the first payment from {sender_country} to
  {beneficiary_country}, {multiple}× the median of {n_earlier} earlier payments (USD {median_usd}).
--- */
WITH pay AS (
    SELECT t.txn_id, t.occurred_at, t.amount_usd, t.amount_eur, t.sender_name, t.beneficiary_name,
           coalesce(t.sender_phone, t.sender_account, t.sender_name_key) AS sender,
           coalesce(t.beneficiary_phone, t.beneficiary_account, t.beneficiary_name_key) AS beneficiary,
           upper(coalesce(t.sender_country,
                          CASE WHEN regexp_matches(t.sender_account, '^[A-Z]{2}[0-9]{2}') THEN left(t.sender_account, 2) END,
                          s1.country, s2.country, s3.country)) AS sender_country,
           upper(coalesce(t.beneficiary_country,
                          CASE WHEN regexp_matches(t.beneficiary_account, '^[A-Z]{2}[0-9]{2}') THEN left(t.beneficiary_account, 2) END,
                          b1.country, b2.country, b3.country)) AS beneficiary_country
    FROM transactions t
    LEFT JOIN calling_codes s1 ON s1.calling_code = CASE WHEN t.sender_phone LIKE '+%' THEN substr(t.sender_phone, 2, 1) END
    LEFT JOIN calling_codes s2 ON s2.calling_code = CASE WHEN t.sender_phone LIKE '+%' THEN substr(t.sender_phone, 2, 2) END
    LEFT JOIN calling_codes s3 ON s3.calling_code = CASE WHEN t.sender_phone LIKE '+%' THEN substr(t.sender_phone, 2, 3) END
    LEFT JOIN calling_codes b1 ON b1.calling_code = CASE WHEN t.beneficiary_phone LIKE '+%' THEN substr(t.beneficiary_phone, 2, 1) END
    LEFT JOIN calling_codes b2 ON b2.calling_code = CASE WHEN t.beneficiary_phone LIKE '+%' THEN substr(t.beneficiary_phone, 2, 2) END
    LEFT JOIN calling_codes b3 ON b3.calling_code = CASE WHEN t.beneficiary_phone LIKE '+%' THEN substr(t.beneficiary_phone, 2, 3) END
    WHERE t.amount_usd IS NOT NULL
      AND coalesce(t.sender_phone, t.sender_account, t.sender_name_key) IS NOT NULL
      AND coalesce(t.beneficiary_phone, t.beneficiary_account, t.beneficiary_name_key) IS NOT NULL
),
-- Only a sender who pays into more than one corridor can open a new one
-- after some history.
candidates AS (
    SELECT sender
    FROM pay
    GROUP BY sender
    HAVING count(DISTINCT coalesce(beneficiary_country, '?')) >= 2 AND count(*) > $min_history
),
ranked AS (
    SELECT p.*,
           row_number() OVER (PARTITION BY p.sender, p.sender_country, p.beneficiary_country
                              ORDER BY p.occurred_at, p.txn_id) AS nth_in_corridor,
           row_number() OVER (PARTITION BY p.sender ORDER BY p.occurred_at, p.txn_id) - 1 AS n_earlier
    FROM pay p JOIN candidates c USING (sender)
),
firsts AS (
    SELECT * FROM ranked
    WHERE nth_in_corridor = 1
      AND n_earlier >= $min_history
      AND list_contains($hub_countries, beneficiary_country)
),
-- The median of the payments strictly before the first one.
history AS (
    SELECT f.txn_id, median(p.amount_usd) AS median_usd
    FROM firsts f
    JOIN pay p ON p.sender = f.sender AND p.occurred_at < f.occurred_at
    GROUP BY f.txn_id
)
SELECT 'sender' AS subject_type,
       f.sender AS subject_key,
       f.occurred_at AS window_start,
       f.occurred_at AS window_end,
       round(least(100, 30 + 10 * least(f.amount_usd / h.median_usd, 5)), 1) AS score,
       f.amount_usd AS total_usd,
       [f.txn_id] AS txn_ids,
       coalesce(f.sender_name, f.sender) AS sender_name,
       coalesce(f.beneficiary_name, f.beneficiary) AS beneficiary_name,
       f.beneficiary,
       coalesce(f.sender_country, 'an unknown country') AS sender_country,
       f.beneficiary_country,
       f.n_earlier,
       h.median_usd,
       round(f.amount_usd / h.median_usd, 1) AS multiple
FROM firsts f
JOIN history h USING (txn_id)
WHERE f.amount_usd >= $median_multiple * h.median_usd
   OR f.amount_eur >= $min_eur
ORDER BY f.sender, f.occurred_at
