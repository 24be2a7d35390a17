/* ---
id: instalments
version: 1
title: A family pays one beneficiary a round sum in a few instalments
severity: low
description: >
  Families who cannot raise a ransom at once pay it in two to six
  instalments, from one relative or several, until the demanded sum is
  reached. A family is the sender's last two names (the father's and
  grandfather's, which siblings share, in Eritrean, Ethiopian and Sudanese
  naming), or the sender alone when fewer than three names are known. The
  rule reports a family whose two to six payments to one beneficiary within
  the window add up to within the tolerance of a round target, and who paid
  that beneficiary nothing in the quiet_days before the first instalment
  or after the last: a one-off sum, not rent, wages or standing support,
  which also come twice in 30 days when a month is short. School fees and
  debts are paid in instalments too: low severity on its own.
indicators: [PRESS-INSTALMENTS, PRESS-RANSOM]
params:
  window_days: {default: 30, doc: days in which the instalments fall}
  min_payments: {default: 2, doc: fewest instalments}
  max_payments: {default: 6, doc: most instalments}
  target_unit_usd: {default: 1000, type: number, doc: a target is a multiple of this many USD}
  tolerance: {default: 0.05, doc: 'how far the sum may be from the target, as a share of it (0.05 is ±5 %)'}
  min_target_usd: {default: 2000, type: number, doc: smallest target in USD}
  max_target_usd: {default: 12000, type: number, doc: largest target in USD}
  quiet_days: {default: 60, doc: days before the first and after the last instalment in which the family paid the beneficiary nothing}
explain: >
  {payer} paid {beneficiary_name} ({subject_key}) USD {total_usd} in {n_txn} instalments
  between {window_start} and {window_end}, within {off_pct} % of USD {target_usd}.
--- */
WITH pay AS (
    SELECT txn_id, occurred_at, amount_usd, sender_name, beneficiary_name,
           coalesce(beneficiary_phone, beneficiary_account, beneficiary_name_key) AS beneficiary,
           coalesce(sender_phone, sender_account, sender_name_key) AS sender,
           CASE WHEN regexp_matches(sender_name_key, '^\S+\s+\S+\s+\S+')
                THEN regexp_extract(sender_name_key, '(\S+\s+\S+)$')
                ELSE coalesce(sender_phone, sender_account, sender_name_key) END AS family
    FROM transactions
    WHERE amount_usd IS NOT NULL
      AND coalesce(beneficiary_phone, beneficiary_account, beneficiary_name_key) IS NOT NULL
      AND coalesce(sender_phone, sender_account, sender_name_key) IS NOT NULL
),
candidates AS (
    SELECT beneficiary, family
    FROM pay
    GROUP BY beneficiary, family
    HAVING count(*) >= $min_payments
       AND sum(amount_usd) >= (1 - $tolerance) * $min_target_usd
),
cpay AS (
    SELECT p.* FROM pay p JOIN candidates c USING (beneficiary, family)
),
sums AS (
    SELECT beneficiary, family, occurred_at AS window_start, n, total_usd,
           round(total_usd / $target_unit_usd) * $target_unit_usd AS target_usd
    FROM (
        SELECT beneficiary, family, occurred_at,
               count(*) OVER w AS n,
               sum(amount_usd) OVER w AS total_usd
        FROM cpay
        WINDOW w AS (PARTITION BY beneficiary, family ORDER BY occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
),
windows AS (
    SELECT DISTINCT beneficiary, family, window_start
    FROM sums
    WHERE n BETWEEN $min_payments AND $max_payments
      AND target_usd BETWEEN $min_target_usd AND $max_target_usd
      AND abs(total_usd - target_usd) <= $tolerance * target_usd
),
firsts AS (
    SELECT beneficiary, family, window_start
    FROM (
        SELECT beneficiary, family, window_start,
               lag(window_start) OVER (PARTITION BY beneficiary, family ORDER BY window_start) AS previous_start
        FROM windows
    ) w
    WHERE previous_start IS NULL
       OR previous_start <= window_start - $window_days * INTERVAL '1' DAY
),
alerts AS (
    SELECT f.beneficiary, f.family, f.window_start,
           max(p.occurred_at) AS window_end,
           sum(p.amount_usd) AS total_usd,
           round(sum(p.amount_usd) / $target_unit_usd) * $target_unit_usd AS target_usd,
           list(p.txn_id ORDER BY p.occurred_at, p.txn_id) AS txn_ids,
           count(DISTINCT p.sender) AS n_senders,
           count(*) AS n,
           CASE WHEN count(DISTINCT p.sender) = 1 THEN coalesce(min(p.sender_name), min(p.sender))
                ELSE count(DISTINCT p.sender) || ' senders of one family ('
                     || string_agg(DISTINCT coalesce(p.sender_name, p.sender), ', ' ORDER BY coalesce(p.sender_name, p.sender)) || ')' END AS payer,
           coalesce(min(p.beneficiary_name), f.beneficiary) AS beneficiary_name
    FROM firsts f
    JOIN cpay p
      ON p.beneficiary = f.beneficiary
     AND p.family = f.family
     AND p.occurred_at >= f.window_start
     AND p.occurred_at < f.window_start + $window_days * INTERVAL '1' DAY
    GROUP BY f.beneficiary, f.family, f.window_start
),
-- A one-off sum: nothing from the family to the beneficiary just before
-- or just after.
quiet AS (
    SELECT a.*
    FROM alerts a
    -- Two anti joins rather than one join on an OR, which DuckDB can only
    -- run as a nested loop.
    WHERE NOT EXISTS (
        SELECT 1 FROM cpay p
        WHERE p.beneficiary = a.beneficiary AND p.family = a.family
          AND p.occurred_at < a.window_start
          AND p.occurred_at >= a.window_start - $quiet_days * INTERVAL '1' DAY)
      AND NOT EXISTS (
        SELECT 1 FROM cpay p
        WHERE p.beneficiary = a.beneficiary AND p.family = a.family
          AND p.occurred_at > a.window_end
          AND p.occurred_at <= a.window_end + $quiet_days * INTERVAL '1' DAY)
)
SELECT 'beneficiary' AS subject_type,
       beneficiary AS subject_key,
       window_start,
       window_end,
       -- Closer to the target and more instalments: stronger.
       round(least(100, 20 + 5 * n + 20 * (1 - abs(total_usd - target_usd) / ($tolerance * target_usd))), 1) AS score,
       total_usd,
       txn_ids,
       target_usd,
       round(100 * abs(total_usd - target_usd) / target_usd, 1) AS off_pct,
       payer,
       n_senders,
       beneficiary_name
FROM quiet
ORDER BY beneficiary, window_start
