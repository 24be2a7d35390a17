/* ---
id: multi_channel_case
version: 2
title: One beneficiary paid through several channels from several countries
severity: medium
description: >
  A family raising a ransom uses whatever works: a bank transfer from one
  country, an MTO from another, a hawaladar from a third. Ordinary support
  to a family usually comes through one channel. The rule reports a
  beneficiary paid within the window through at least two channels (bank,
  MTO, hawala) by senders in at least two countries. A beneficiary is
  gathered across channels by name: rows with a phone take the name most
  often written with that phone, so that a clerk's spelling in one ledger
  does not split the person; bank rows without a phone go by their own
  name key. Two phones whose usual name is the same are two people (a
  collector and his namesake in another country), and a row without a
  phone joins neither. Common names can still join two people through
  rows without phones: medium severity alone.
indicators: [PRESS-CHANNELS, FATF-2022-MS, FinCEN-2023-HS]
params:
  window_days: {default: 30, doc: days in which the payments fall}
  min_channels: {default: 2, doc: 'distinct channels (bank, remittance, hawala)'}
  min_countries: {default: 2, doc: distinct countries the senders are in}
tables:
  calling_codes: calling_codes.csv
explain: >
  {beneficiary_name} was paid USD {total_usd} through {n_channels} channels ({channels}) by
  {n_senders} senders in {n_countries} countries ({countries}) in {n_txn} payments between
  {window_start} and {window_end}.
--- */
-- rule_txns gathers the beneficiary as person. A GROUP BY on the person's
-- hash keeps the persons paid through two channels from two countries in
-- their whole history. A window of window_days lies within two running
-- spans of window_days (day // window_days); a GROUP BY on the hash and
-- the span finds the pairs of spans that could hold
-- min_channels and min_countries (as many payments, two of each at least);
-- only a window that starts in such a pair can qualify, and only the rows
-- of those pairs go through the windows.
WITH whole AS (
    SELECT person_hash
    FROM rule_txns
    WHERE person_hash IS NOT NULL
    GROUP BY person_hash
    HAVING count(kind) >= $min_channels AND count(from_country) >= $min_countries
       AND ($min_channels < 2 OR min(kind) < max(kind))
       AND ($min_countries < 2 OR min(from_country) < max(from_country))
),
spans AS (
    SELECT person_hash, day // $window_days AS span, count(*) AS n,
           count(kind) AS n_kinds, min(kind) AS kind_lo, max(kind) AS kind_hi,
           count(from_country) AS n_countries, min(from_country) AS country_lo, max(from_country) AS country_hi
    FROM rule_txns
    WHERE person_hash IN (SELECT person_hash FROM whole)
    GROUP BY person_hash, day // $window_days
),
starts AS (
    SELECT a.person_hash, a.span
    FROM spans a
    LEFT JOIN spans b ON b.person_hash = a.person_hash AND b.span = a.span + 1
    WHERE a.n_kinds + coalesce(b.n_kinds, 0) >= $min_channels
      AND a.n_countries + coalesce(b.n_countries, 0) >= $min_countries
      AND ($min_channels < 2
           OR least(a.kind_lo, coalesce(b.kind_lo, a.kind_lo)) < greatest(a.kind_hi, coalesce(b.kind_hi, a.kind_hi)))
      AND ($min_countries < 2
           OR least(a.country_lo, coalesce(b.country_lo, a.country_lo))
              < greatest(a.country_hi, coalesce(b.country_hi, a.country_hi)))
),
kept AS (
    SELECT person_hash, span, max(is_start) AS is_start
    FROM (SELECT person_hash, span, 1 AS is_start FROM starts
          UNION ALL
          SELECT person_hash, span + 1, 0 FROM starts) k
    GROUP BY person_hash, span
),
pay AS (
    SELECT txn_id, occurred_at, day, amount_usd, kind, beneficiary_name, beneficiary_name_key, sender,
           from_country AS country, person, person_hash
    FROM rule_txns
    WHERE person_hash IN (SELECT person_hash FROM starts)
),
candidates AS (
    SELECT person
    FROM pay
    GROUP BY person
    HAVING count(DISTINCT kind) >= $min_channels AND count(DISTINCT country) >= $min_countries
),
cpay AS (
    SELECT p.* FROM pay p JOIN candidates c USING (person)
),
windows AS (
    SELECT DISTINCT person, occurred_at AS window_start
    FROM (
        SELECT c.person, c.occurred_at, k.is_start,
               count(DISTINCT c.kind) OVER w AS n_channels,
               count(DISTINCT c.country) OVER w AS n_countries
        FROM cpay c
        JOIN kept k ON k.person_hash = c.person_hash AND k.span = c.day // $window_days
        WINDOW w AS (PARTITION BY c.person ORDER BY c.occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE is_start = 1 AND n_channels >= $min_channels AND n_countries >= $min_countries
),
firsts AS (
    SELECT person, window_start
    FROM (
        SELECT person, window_start,
               lag(window_start) OVER (PARTITION BY person ORDER BY window_start) AS previous_start
        FROM windows
    ) w
    WHERE previous_start IS NULL
       OR previous_start <= window_start - $window_days * INTERVAL '1' DAY
),
-- The name written most often in the window's payments; of two as often,
-- the one whose key is the person's, then the first in order.
names AS (
    SELECT person, window_start, beneficiary_name
    FROM (
        SELECT f.person, f.window_start, p.beneficiary_name,
               row_number() OVER (PARTITION BY f.person, f.window_start
                                  ORDER BY count(*) DESC,
                                           max(CASE WHEN p.beneficiary_name_key = f.person THEN 1 ELSE 0 END) DESC,
                                           p.beneficiary_name) AS nth
        FROM firsts f
        JOIN cpay p
          ON p.person = f.person
         AND p.occurred_at >= f.window_start
         AND p.occurred_at < f.window_start + $window_days * INTERVAL '1' DAY
        WHERE p.beneficiary_name IS NOT NULL
        GROUP BY f.person, f.window_start, p.beneficiary_name
    ) x
    WHERE nth = 1
)
-- DuckDB aggregates DISTINCT and ORDER BY arguments in a sort of their own
-- per group, which over thousands of windows cost more than the rest of
-- the rule: the window's values are gathered in lists and counted,
-- deduplicated and sorted as lists.
SELECT 'person' AS subject_type,
       person AS subject_key,
       window_start,
       window_end,
       least(100, 20 + 15 * len(kinds) + 10 * len(country_list)) AS score,
       total_usd,
       list_transform(list_sort(payments), x -> x.txn_id) AS txn_ids,
       len(kinds) AS n_channels,
       CASE WHEN len(channel_list) > 0 THEN array_to_string(list_sort(channel_list), ', ') END AS channels,
       len(sender_list) AS n_senders,
       len(country_list) AS n_countries,
       CASE WHEN len(country_list) > 0 THEN array_to_string(list_sort(country_list), ', ') END AS countries,
       beneficiary_name
FROM (
    SELECT f.person, f.window_start,
           max(p.occurred_at) AS window_end,
           sum(p.amount_usd) AS total_usd,
           list({'occurred_at': p.occurred_at, 'txn_id': p.txn_id}) AS payments,
           list_distinct(list(p.kind)) AS kinds,
           list_distinct(list(CASE p.kind WHEN 'remittance' THEN 'MTO' ELSE p.kind END)) AS channel_list,
           list_distinct(list(p.sender)) AS sender_list,
           list_distinct(list(p.country)) AS country_list,
           min(n.beneficiary_name) AS beneficiary_name
    FROM firsts f
    LEFT JOIN names n ON n.person = f.person AND n.window_start = f.window_start
    JOIN cpay p
      ON p.person = f.person
     AND p.occurred_at >= f.window_start
     AND p.occurred_at < f.window_start + $window_days * INTERVAL '1' DAY
    GROUP BY f.person, f.window_start
) w
ORDER BY person, window_start
