/* ---
id: hub_sink
version: 1
title: Money from several collectors ends with one beneficiary in a hub
severity: high
description: >
  Ransoms collected by several collectors end with the same few people in
  the hubs (Dubai in the Dutch case; Khartoum, Cairo, Addis Ababa,
  Tripoli). A collector is a party paid by at least three distinct senders
  within two weeks (as in fan_in_collector). From each collector the rule
  follows the money forward, hop by hop in time order, for at most three
  hops and 30 days from the collector's first payment on; it reports a
  beneficiary in a hub country whom money from at least two collectors
  reaches within 30 days. The walk is a recursive query bounded in hops.
indicators: [NL-KIDANE, FATF-2022-MS, FATF-2018-HT]
params:
  window_days: {default: 30, doc: days from a collector's payment on to the arrival at the hub; also the days in which the collectors' money arrives}
  max_hops: {default: 3, doc: most payments between a collector and the hub beneficiary}
  min_collectors: {default: 2, doc: distinct collectors whose money arrives}
  collector_senders: {default: 3, doc: distinct senders that make a party a collector}
  collector_days: {default: 14, doc: days in which a collector's senders pay}
  hub_countries: {default: [AE, SD, EG, ET, LY], doc: 'countries (ISO codes) of the hubs'}
tables:
  calling_codes: calling_codes.csv
explain: >
  Money from {n_collectors} collectors ({collectors}) reached {sink_name} ({subject_key}, {sink_country})
  in {n_arrivals} payments over at most {hops} hops between {window_start} and {window_end}:
  USD {total_usd} arrived.
--- */
WITH RECURSIVE
edges AS (
    SELECT txn_id, occurred_at, day, amount_usd, beneficiary_name AS dst_name,
           sender AS src, sender_hash AS src_hash, beneficiary AS dst, beneficiary_hash AS dst_hash,
           to_country AS dst_country
    FROM rule_txns
    WHERE sender IS NOT NULL AND beneficiary IS NOT NULL AND sender <> beneficiary
      -- A payment matters only if paid to a party that pays on (a
      -- collector starts a walk only then) or by a party that is paid (a
      -- walk's next step): semi joins on the hashes keep those rows and
      -- drop most of the rest.
      AND (beneficiary_hash IN (SELECT DISTINCT sender_hash FROM rule_txns)
           OR sender_hash IN (SELECT DISTINCT beneficiary_hash FROM rule_txns))
),
-- A window of collector_days lies within two running spans of
-- collector_days (day // collector_days). Only a collector that pays on
-- starts a walk, so only the rows paid to a party that also pays count: a
-- GROUP BY on the party's hash finds the pairs of spans with as many
-- payments as collector_senders, and only the rows of those pairs go on.
spans AS (
    SELECT dst_hash, day // $collector_days AS span, count(*) AS n
    FROM edges
    WHERE dst_hash IN (SELECT DISTINCT src_hash FROM edges)
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
-- The start of every window in which a collector's senders pay.
collections AS (
    SELECT DISTINCT dst AS collector, occurred_at AS since
    FROM (
        SELECT e.dst, e.occurred_at, k.is_start,
               count(DISTINCT e.src) OVER w AS n_senders
        FROM edges e
        JOIN kept k ON k.dst_hash = e.dst_hash AND k.span = e.day // $collector_days
        WINDOW w AS (PARTITION BY e.dst ORDER BY e.occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $collector_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE is_start = 1 AND n_senders >= $collector_senders
),
first_hops AS (
    SELECT DISTINCT c.collector, e.txn_id, e.dst, e.dst_country, e.occurred_at, e.amount_usd, e.dst_name
    FROM collections c
    JOIN edges e
      ON e.src = c.collector
     AND e.occurred_at >= c.since
     AND e.occurred_at < c.since + $window_days * INTERVAL '1' DAY
),
-- last_usd and last_name are those of the payment that arrived (the last
-- of the path).
walk (collector, node, node_country, first_at, last_at, hops, path, last_usd, last_name) AS (
    SELECT collector, dst, dst_country, occurred_at, occurred_at, 1, [txn_id], amount_usd, dst_name
    FROM first_hops
    UNION ALL
    SELECT w.collector, e.dst, e.dst_country, w.first_at, e.occurred_at, w.hops + 1, list_append(w.path, e.txn_id),
           e.amount_usd, e.dst_name
    FROM walk w
    JOIN edges e
      ON e.src = w.node
     AND e.occurred_at >= w.last_at
     AND e.occurred_at < w.first_at + $window_days * INTERVAL '1' DAY
    WHERE w.hops < $max_hops
      AND e.dst <> w.collector
),
arrivals AS (
    SELECT * FROM walk
    WHERE list_contains($hub_countries, node_country) AND node <> collector
),
windows AS (
    SELECT DISTINCT node, last_at AS window_start
    FROM (
        SELECT node, last_at,
               count(DISTINCT collector) OVER w AS n_collectors
        FROM arrivals
        WINDOW w AS (PARTITION BY node ORDER BY last_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE n_collectors >= $min_collectors
),
firsts AS (
    SELECT node, window_start
    FROM (
        SELECT node, window_start,
               lag(window_start) OVER (PARTITION BY node ORDER BY window_start) AS previous_start
        FROM windows
    ) w
    WHERE previous_start IS NULL
       OR previous_start <= window_start - $window_days * INTERVAL '1' DAY
),
found AS (
    SELECT f.node, f.window_start, a.collector, a.last_at, a.hops, a.path, a.node_country,
           a.path[len(a.path)] AS arrival_txn, a.last_usd, a.last_name
    FROM firsts f
    JOIN arrivals a
      ON a.node = f.node
     AND a.last_at >= f.window_start
     AND a.last_at < f.window_start + $window_days * INTERVAL '1' DAY
),
arrived AS (
    SELECT node, window_start, sum(last_usd) AS total_usd, count(*) AS n_arrivals, min(last_name) AS sink_name
    FROM (SELECT DISTINCT node, window_start, arrival_txn, last_usd, last_name FROM found) x
    GROUP BY node, window_start
)
SELECT 'beneficiary' AS subject_type,
       f.node AS subject_key,
       f.window_start,
       max(f.last_at) AS window_end,
       least(100, 50 + 15 * count(DISTINCT f.collector)) AS score,
       a.total_usd,
       list_sort(list_distinct(flatten(list(f.path)))) AS txn_ids,
       count(DISTINCT f.collector) AS n_collectors,
       string_agg(DISTINCT f.collector, ', ' ORDER BY f.collector) AS collectors,
       max(f.hops) AS hops,
       min(f.node_country) AS sink_country,
       a.n_arrivals,
       coalesce(a.sink_name, f.node) AS sink_name
FROM found f
JOIN arrived a USING (node, window_start)
GROUP BY f.node, f.window_start, a.total_usd, a.n_arrivals, a.sink_name
ORDER BY f.node, f.window_start
