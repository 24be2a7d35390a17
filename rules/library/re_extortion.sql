/* ---
id: re_extortion
version: 2
title: One family pays collectors of two unconnected networks
severity: high
description: >
  Captives are sold on from one smuggler to another, and the family that
  paid one ransom is made to pay again, to a new collector of the new
  network. The rule reports a family (the sender's last two names, the
  father's and grandfather's that siblings share, else the sender alone)
  that pays at least two collectors within 90 days whose networks are not
  connected, and that it paid each of them a relative's share of a ransom
  within two weeks (transfers are USD 200–3,000; a family buying from two
  busy shops pays each a little). A collector is a party paid by at least three distinct senders
  within two weeks (as in fan_in_collector). A collector's network is every
  party its money reaches in at most three payments; two collectors are
  connected when one's network holds the other or both hold a common party.
  Parties paid by very many senders (MTO counters, shops) do not connect
  networks. The walk is a recursive query bounded in hops.
indicators: [PRESS-RESOLD, FATF-2022-MS]
params:
  window_days: {default: 90, doc: days in which the family pays the collectors}
  max_hops: {default: 3, doc: payments followed from a collector to find its network}
  collector_senders: {default: 3, doc: distinct senders that make a party a collector}
  collector_days: {default: 14, doc: days in which a collector's senders pay}
  max_network_payers: {default: 100, doc: a party paid by more distinct senders than this does not connect networks}
  min_share_usd: {default: 500, type: number, doc: 'what the family pays each collector within collector_days, in USD: a share of a ransom that several families raise'}
explain: >
  {n_senders} senders of one family ({senders}) paid {n_collectors} collectors of unconnected
  networks ({collectors}) USD {total_usd} in {n_txn} payments between {window_start} and
  {window_end}.
--- */
WITH RECURSIVE
-- Only the columns the collectors and the walk need: several steps read
-- edges, so every row of it is materialised. family_pay reads the rest.
edges AS (
    SELECT occurred_at, day, sender AS src, sender_hash AS src_hash, beneficiary AS dst, beneficiary_hash AS dst_hash
    FROM rule_txns
    WHERE sender IS NOT NULL AND beneficiary IS NOT NULL AND sender <> beneficiary
),
-- A window of collector_days lies within two running spans of
-- collector_days (day // collector_days): a GROUP BY on the party's hash
-- finds the pairs of spans with as many payments as collector_senders, and
-- only the rows of those pairs go on.
spans AS (
    SELECT dst_hash, day // $collector_days AS span, count(*) AS n
    FROM edges
    GROUP BY dst_hash, day // $collector_days
),
starts1 AS (
    SELECT a.dst_hash, a.span
    FROM spans a
    LEFT JOIN spans b ON b.dst_hash = a.dst_hash AND b.span = a.span + 1
    WHERE a.n + coalesce(b.n, 0) >= $collector_senders
),
kept1 AS (
    SELECT DISTINCT dst_hash, span
    FROM (SELECT dst_hash, span FROM starts1 UNION ALL SELECT dst_hash, span + 1 FROM starts1) k
),
-- Then, over the rows of those pairs, the pairs with two senders at least.
spans2 AS (
    SELECT e.dst_hash, e.day // $collector_days AS span, count(*) AS n, min(e.src) AS lo, max(e.src) AS hi
    FROM edges e JOIN kept1 k ON k.dst_hash = e.dst_hash AND k.span = e.day // $collector_days
    GROUP BY e.dst_hash, e.day // $collector_days
),
starts AS (
    SELECT a.dst_hash, a.span
    FROM spans2 a
    LEFT JOIN spans2 b ON b.dst_hash = a.dst_hash AND b.span = a.span + 1
    WHERE a.n + coalesce(b.n, 0) >= $collector_senders
      AND ($collector_senders < 2 OR least(a.lo, coalesce(b.lo, a.lo)) < greatest(a.hi, coalesce(b.hi, a.hi)))
),
kept AS (
    SELECT dst_hash, span, max(is_start) AS is_start
    FROM (SELECT dst_hash, span, 1 AS is_start FROM starts
          UNION ALL
          SELECT dst_hash, span + 1, 0 FROM starts) k
    GROUP BY dst_hash, span
),
collectors AS (
    SELECT DISTINCT dst AS collector
    FROM (
        SELECT e.dst, k.is_start, count(DISTINCT e.src) OVER w AS n_senders
        FROM edges e
        JOIN kept k ON k.dst_hash = e.dst_hash AND k.span = e.day // $collector_days
        WINDOW w AS (PARTITION BY e.dst ORDER BY e.occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $collector_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE is_start = 1 AND n_senders >= $collector_senders
),
-- What the family members paid to collectors.
family_pay AS (
    SELECT t.txn_id, t.occurred_at, t.day, t.amount_usd, t.sender_name, t.beneficiary_name,
           t.sender AS src, t.sender_hash AS src_hash, t.beneficiary AS dst, t.beneficiary_hash AS dst_hash, t.family
    FROM rule_txns t JOIN collectors c ON t.beneficiary = c.collector
    WHERE t.sender IS NOT NULL AND t.sender <> t.beneficiary
),
-- Collectors a family paid its share of a ransom within two weeks.
ransoms AS (
    SELECT DISTINCT family, dst
    FROM (
        SELECT family, dst,
               sum(amount_usd) OVER (PARTITION BY family, dst ORDER BY occurred_at
                                     RANGE BETWEEN CURRENT ROW
                                           AND $collector_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING) AS paid
        FROM family_pay
    ) s
    WHERE paid >= $min_share_usd
),
families AS (
    SELECT family FROM ransoms GROUP BY family HAVING count(*) >= 2
),
fpay AS (
    SELECT f.*
    FROM family_pay f
    JOIN families USING (family)
    SEMI JOIN ransoms r ON r.family = f.family AND r.dst = f.dst
),
-- Pairs of collectors one family paid within the window.
pairs AS (
    SELECT DISTINCT a.family, a.dst AS c1, b.dst AS c2
    FROM fpay a
    JOIN fpay b
      ON a.family = b.family
     AND a.dst < b.dst
     AND b.occurred_at > a.occurred_at - $window_days * INTERVAL '1' DAY
     AND b.occurred_at < a.occurred_at + $window_days * INTERVAL '1' DAY
),
involved AS (
    SELECT c1 AS collector FROM pairs UNION SELECT c2 FROM pairs
),
-- The walk goes on only from parties that are paid (the collectors and
-- whom their money reached), so only their payments can be links.
onward AS (
    SELECT DISTINCT src, dst
    FROM edges
    WHERE src_hash IN (SELECT dst_hash FROM edges)
),
payers AS (
    SELECT dst, count(DISTINCT src) AS n_payers
    FROM edges
    WHERE dst IN (SELECT dst FROM onward)
    GROUP BY dst
),
links AS (
    SELECT o.src, o.dst
    FROM onward o JOIN payers p ON p.dst = o.dst
    WHERE p.n_payers <= $max_network_payers
),
reach (collector, node, hops) AS (
    SELECT collector, collector, 0 FROM involved
    UNION ALL
    SELECT r.collector, l.dst, r.hops + 1
    FROM reach r JOIN links l ON l.src = r.node
    WHERE r.hops < $max_hops
),
reached AS (
    SELECT DISTINCT collector, node FROM reach
),
connected AS (
    SELECT DISTINCT r1.collector AS c1, r2.collector AS c2
    FROM reached r1
    JOIN reached r2 ON r1.node = r2.node AND r1.collector < r2.collector
),
apart AS (
    SELECT p.family, p.c1, p.c2
    FROM pairs p
    LEFT JOIN connected c ON c.c1 = p.c1 AND c.c2 = p.c2
    WHERE c.c1 IS NULL
),
-- Payments of a family to collectors that belong to an unconnected pair.
qualifying AS (
    SELECT DISTINCT f.*
    FROM fpay f
    -- A semi join on both keys rather than a join on family and an OR.
    SEMI JOIN (SELECT family, c1 AS dst FROM apart UNION SELECT family, c2 FROM apart) a
           ON a.family = f.family AND a.dst = f.dst
),
windows AS (
    SELECT DISTINCT family, occurred_at AS window_start
    FROM (
        SELECT family, occurred_at, count(DISTINCT dst) OVER w AS n_collectors
        FROM qualifying
        WINDOW w AS (PARTITION BY family ORDER BY occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE n_collectors >= 2
),
firsts AS (
    SELECT family, window_start
    FROM (
        SELECT family, window_start,
               lag(window_start) OVER (PARTITION BY family ORDER BY window_start) AS previous_start
        FROM windows
    ) w
    WHERE previous_start IS NULL
       OR previous_start <= window_start - $window_days * INTERVAL '1' DAY
)
SELECT 'family' AS subject_type,
       f.family AS subject_key,
       f.window_start,
       max(q.occurred_at) AS window_end,
       least(100, 60 + 15 * count(DISTINCT q.dst)) AS score,
       sum(q.amount_usd) AS total_usd,
       list(q.txn_id ORDER BY q.occurred_at, q.txn_id) AS txn_ids,
       count(DISTINCT q.dst) AS n_collectors,
       string_agg(DISTINCT concat_ws(' ', q.beneficiary_name, '(' || q.dst || ')'), ', '
                  ORDER BY concat_ws(' ', q.beneficiary_name, '(' || q.dst || ')')) AS collectors,
       count(DISTINCT q.src) AS n_senders,
       string_agg(DISTINCT coalesce(q.sender_name, q.src), ', ' ORDER BY coalesce(q.sender_name, q.src)) AS senders
FROM firsts f
JOIN qualifying q
  ON q.family = f.family
 AND q.occurred_at >= f.window_start
 AND q.occurred_at < f.window_start + $window_days * INTERVAL '1' DAY
GROUP BY f.family, f.window_start
ORDER BY f.family, f.window_start
