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
-- A window of window_days lies within two running spans of window_days
-- (day // window_days). A GROUP BY on the hashes of beneficiary and family
-- finds the pairs of spans that hold min_payments and could reach the
-- smallest target (counting no refunds); only a window that starts in such
-- a pair can qualify, and only the rows of those pairs go through the
-- windows.
WITH spans AS (
    SELECT beneficiary_hash, family_hash, day // $window_days AS span,
           count(*) AS n, sum(greatest(amount_usd, 0)) AS usd
    FROM rule_txns
    WHERE beneficiary_hash IS NOT NULL AND sender_hash IS NOT NULL
    GROUP BY beneficiary_hash, family_hash, day // $window_days
),
starts AS (
    SELECT a.beneficiary_hash, a.family_hash, a.span
    FROM spans a
    LEFT JOIN spans b
      ON b.beneficiary_hash = a.beneficiary_hash AND b.family_hash = a.family_hash AND b.span = a.span + 1
    WHERE a.n + coalesce(b.n, 0) >= $min_payments
      AND a.usd + coalesce(b.usd, 0) >= (1 - $tolerance) * $min_target_usd
),
kept AS (
    SELECT beneficiary_hash, family_hash, span, max(is_start) AS is_start
    FROM (SELECT beneficiary_hash, family_hash, span, 1 AS is_start FROM starts
          UNION ALL
          SELECT beneficiary_hash, family_hash, span + 1, 0 FROM starts) k
    GROUP BY beneficiary_hash, family_hash, span
),
pay AS (
    SELECT t.txn_id, t.occurred_at, t.day, t.amount_usd, t.sender_name, t.beneficiary_name,
           t.beneficiary, t.sender, t.family, t.beneficiary_hash, t.family_hash
    FROM rule_txns t
    JOIN (SELECT DISTINCT beneficiary_hash, family_hash FROM starts) s USING (beneficiary_hash, family_hash)
    WHERE t.sender_hash IS NOT NULL
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
        SELECT c.beneficiary, c.family, c.occurred_at, k.is_start,
               count(*) OVER w AS n,
               sum(c.amount_usd) OVER w AS total_usd
        FROM cpay c
        JOIN kept k
          ON k.beneficiary_hash = c.beneficiary_hash AND k.family_hash = c.family_hash
         AND k.span = c.day // $window_days
        WINDOW w AS (PARTITION BY c.beneficiary, c.family ORDER BY c.occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE is_start = 1
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
