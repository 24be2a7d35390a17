/* ---
id: multi_channel_case
version: 1
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
  name key. Common names can join two people: medium severity alone.
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
WITH pay AS (
    SELECT t.txn_id, t.occurred_at, t.amount_usd, t.kind, t.beneficiary_name, t.beneficiary_name_key,
           t.beneficiary_phone,
           coalesce(t.sender_phone, t.sender_account, t.sender_name_key) AS sender,
           upper(coalesce(t.sender_country,
                          CASE WHEN regexp_matches(t.sender_account, '^[A-Z]{2}[0-9]{2}') THEN left(t.sender_account, 2) END,
                          c1.country, c2.country, c3.country)) AS country
    FROM transactions t
    LEFT JOIN calling_codes c1 ON c1.calling_code = CASE WHEN t.sender_phone LIKE '+%' THEN substr(t.sender_phone, 2, 1) END
    LEFT JOIN calling_codes c2 ON c2.calling_code = CASE WHEN t.sender_phone LIKE '+%' THEN substr(t.sender_phone, 2, 2) END
    LEFT JOIN calling_codes c3 ON c3.calling_code = CASE WHEN t.sender_phone LIKE '+%' THEN substr(t.sender_phone, 2, 3) END
    WHERE t.amount_usd IS NOT NULL AND t.beneficiary_name_key IS NOT NULL AND t.beneficiary_name_key <> ''
),
-- The name most often written with each phone (ties: the first in order).
phone_names AS (
    SELECT beneficiary_phone, name_key
    FROM (
        SELECT beneficiary_phone, beneficiary_name_key AS name_key,
               row_number() OVER (PARTITION BY beneficiary_phone
                                  ORDER BY count(*) DESC, beneficiary_name_key) AS nth
        FROM pay
        WHERE beneficiary_phone IS NOT NULL
        GROUP BY beneficiary_phone, beneficiary_name_key
    ) x
    WHERE nth = 1
),
keyed AS (
    SELECT p.*, coalesce(n.name_key, p.beneficiary_name_key) AS person
    FROM pay p LEFT JOIN phone_names n USING (beneficiary_phone)
),
candidates AS (
    SELECT person
    FROM keyed
    GROUP BY person
    HAVING count(DISTINCT kind) >= $min_channels AND count(DISTINCT country) >= $min_countries
),
cpay AS (
    SELECT k.* FROM keyed k JOIN candidates c USING (person)
),
windows AS (
    SELECT DISTINCT person, occurred_at AS window_start
    FROM (
        SELECT person, occurred_at,
               count(DISTINCT kind) OVER w AS n_channels,
               count(DISTINCT country) OVER w AS n_countries
        FROM cpay
        WINDOW w AS (PARTITION BY person ORDER BY occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE n_channels >= $min_channels AND n_countries >= $min_countries
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
)
SELECT 'person' AS subject_type,
       f.person AS subject_key,
       f.window_start,
       max(p.occurred_at) AS window_end,
       least(100, 20 + 15 * count(DISTINCT p.kind) + 10 * count(DISTINCT p.country)) AS score,
       sum(p.amount_usd) AS total_usd,
       list(p.txn_id ORDER BY p.occurred_at, p.txn_id) AS txn_ids,
       count(DISTINCT p.kind) AS n_channels,
       string_agg(DISTINCT CASE p.kind WHEN 'remittance' THEN 'MTO' ELSE p.kind END, ', '
                  ORDER BY CASE p.kind WHEN 'remittance' THEN 'MTO' ELSE p.kind END) AS channels,
       count(DISTINCT p.sender) AS n_senders,
       count(DISTINCT p.country) AS n_countries,
       string_agg(DISTINCT p.country, ', ' ORDER BY p.country) AS countries,
       mode(p.beneficiary_name) AS beneficiary_name
FROM firsts f
JOIN cpay p
  ON p.person = f.person
 AND p.occurred_at >= f.window_start
 AND p.occurred_at < f.window_start + $window_days * INTERVAL '1' DAY
GROUP BY f.person, f.window_start
ORDER BY f.person, f.window_start
