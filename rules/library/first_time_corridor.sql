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
-- Only a sender who pays into more than one corridor can open a new one
-- after some history (a GROUP BY on the sender's hash narrows first,
-- straight from rule_txns: only the narrowed rows are kept).
WITH maybe AS (
    SELECT sender_hash
    FROM rule_txns
    WHERE sender_hash IS NOT NULL AND beneficiary_hash IS NOT NULL
    GROUP BY sender_hash
    HAVING min(coalesce(to_country, '?')) < max(coalesce(to_country, '?'))
       AND count(*) > $min_history
),
mpay AS (
    SELECT txn_id, occurred_at, amount_usd, amount_eur, sender_name, beneficiary_name, sender, sender_hash,
           beneficiary, from_country AS sender_country, to_country AS beneficiary_country
    FROM rule_txns
    WHERE sender_hash IN (SELECT sender_hash FROM maybe) AND beneficiary_hash IS NOT NULL
),
candidates AS (
    SELECT sender
    FROM mpay
    GROUP BY sender
    HAVING count(DISTINCT coalesce(beneficiary_country, '?')) >= 2 AND count(*) > $min_history
),
cpay AS (
    SELECT p.* FROM mpay p JOIN candidates c USING (sender)
),
-- The first payment (by time, then txn_id) of each corridor into a hub: a
-- corridor is the sender, the sender's country and the beneficiary's.
opened AS (
    SELECT sender, sender_country, beneficiary_country, min(occurred_at) AS first_at
    FROM cpay
    WHERE list_contains($hub_countries, beneficiary_country)
    GROUP BY sender, sender_country, beneficiary_country
),
at_first AS (
    SELECT p.*
    FROM cpay p
    JOIN opened o
      ON o.sender = p.sender
     AND o.sender_country IS NOT DISTINCT FROM p.sender_country
     AND o.beneficiary_country = p.beneficiary_country
     AND o.first_at = p.occurred_at
),
firsts AS (
    SELECT a.*
    FROM at_first a
    JOIN (SELECT sender, sender_country, beneficiary_country, min(txn_id) AS txn_id
          FROM at_first
          GROUP BY sender, sender_country, beneficiary_country) m USING (txn_id)
),
-- The sender's payments before the first one (n_earlier, in the order of
-- time and txn_id) and the median of those strictly before it.
history AS (
    SELECT f.txn_id,
           count(*) AS n_earlier,
           count(*) FILTER (WHERE p.occurred_at < f.occurred_at) AS n_before,
           median(p.amount_usd) FILTER (WHERE p.occurred_at < f.occurred_at) AS median_usd
    FROM firsts f
    JOIN cpay p
      ON p.sender = f.sender
     AND (p.occurred_at < f.occurred_at OR (p.occurred_at = f.occurred_at AND p.txn_id < f.txn_id))
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
       h.n_earlier,
       h.median_usd,
       round(f.amount_usd / h.median_usd, 1) AS multiple
FROM firsts f
JOIN history h USING (txn_id)
WHERE h.n_earlier >= $min_history
  AND h.n_before > 0
  AND (f.amount_usd >= $median_multiple * h.median_usd
       OR f.amount_eur >= $min_eur)
ORDER BY f.sender, f.occurred_at
