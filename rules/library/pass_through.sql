/* ---
id: pass_through
version: 1
title: Money from unrelated payers passes straight on to cash, an MTO or a hub
severity: high
description: >
  Collectors in Europe receive ransom payments from unrelated families and
  pass most of the money on within days, through hawala or an MTO to a hub
  (Dubai in the Dutch case), or take it out in cash. The rule reports a
  party that receives at least five credits from at least three unrelated
  payers within the window and sends at least 70 % of that sum on between
  the first credit and 72 hours after the last, to cash, an MTO, hawala or a
  beneficiary in a hub country. Payers are unrelated when their families
  differ (the last two names, as in instalments). A party is known by
  phone, else account, else name key, on both sides.
indicators: [FATF-2018-HT, FinCEN-2023-HS, NL-KIDANE]
params:
  window_days: {default: 14, doc: days in which the credits fall}
  min_credits: {default: 5, doc: credits in the window}
  min_payers: {default: 3, doc: 'unrelated payers (distinct families)'}
  pass_hours: {default: 72, doc: hours after the last credit by which the money has gone on}
  min_out_share: {default: 0.7, doc: 'share of the credits that goes on (0.7 is 70 %)'}
  hub_countries: {default: [AE, SD, EG, ET, LY], doc: 'countries (ISO codes) where money goes on to the smugglers'}
  exit_pattern: {default: '(?i)geldautomaat|geldopname|\bgea\b|\batm\b|cash|western union|moneygram|\bria\b|worldremit|remitly|small world|dahabshiil|hawala', doc: 'a regular expression on the beneficiary name and memo of a bank payment that marks cash or an MTO'}
tables:
  calling_codes: calling_codes.csv
explain: >
  {party_name} ({subject_key}) received USD {total_usd} in {n_credits} credits from {n_payers}
  unrelated payers between {window_start} and {window_end} and sent USD {out_usd}
  ({out_pct} %) on to {exits} within {pass_hours} hours.
--- */
WITH txn AS (
    SELECT t.txn_id, t.occurred_at, t.amount_usd, t.kind,
           t.sender_name, t.beneficiary_name,
           coalesce(t.beneficiary_phone, t.beneficiary_account, t.beneficiary_name_key) AS beneficiary,
           coalesce(t.sender_phone, t.sender_account, t.sender_name_key) AS sender,
           CASE WHEN regexp_matches(t.sender_name_key, '^\S+\s+\S+\s+\S+')
                THEN regexp_extract(t.sender_name_key, '(\S+\s+\S+)$')
                ELSE coalesce(t.sender_phone, t.sender_account, t.sender_name_key) END AS family,
           upper(coalesce(t.beneficiary_country,
                          CASE WHEN regexp_matches(t.beneficiary_account, '^[A-Z]{2}[0-9]{2}') THEN left(t.beneficiary_account, 2) END,
                          c1.country, c2.country, c3.country)) AS beneficiary_country,
           t.memo
    FROM transactions t
    LEFT JOIN calling_codes c1 ON c1.calling_code = CASE WHEN t.beneficiary_phone LIKE '+%' THEN substr(t.beneficiary_phone, 2, 1) END
    LEFT JOIN calling_codes c2 ON c2.calling_code = CASE WHEN t.beneficiary_phone LIKE '+%' THEN substr(t.beneficiary_phone, 2, 2) END
    LEFT JOIN calling_codes c3 ON c3.calling_code = CASE WHEN t.beneficiary_phone LIKE '+%' THEN substr(t.beneficiary_phone, 2, 3) END
    WHERE t.amount_usd IS NOT NULL
),
-- Credits of parties that could qualify; and what those parties send on.
candidates AS (
    SELECT beneficiary AS party
    FROM txn
    WHERE beneficiary IS NOT NULL
    GROUP BY beneficiary
    HAVING count(*) >= $min_credits AND count(DISTINCT family) >= $min_payers
),
credits AS (
    SELECT t.* FROM txn t JOIN candidates c ON t.beneficiary = c.party
),
debits AS (
    SELECT t.*,
           CASE WHEN t.kind = 'hawala' THEN 'hawala'
                WHEN t.kind = 'remittance' THEN 'an MTO'
                WHEN list_contains($hub_countries, t.beneficiary_country) THEN t.beneficiary_country
                WHEN regexp_matches(concat_ws(' ', t.beneficiary_name, t.memo), $exit_pattern) THEN 'cash or an MTO'
           END AS exit
    FROM txn t JOIN candidates c ON t.sender = c.party
),
windows AS (
    SELECT DISTINCT beneficiary AS party, occurred_at AS window_start
    FROM (
        SELECT beneficiary, occurred_at,
               count(*) OVER w AS n,
               count(DISTINCT family) OVER w AS n_payers
        FROM credits
        WINDOW w AS (PARTITION BY beneficiary ORDER BY occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE n >= $min_credits AND n_payers >= $min_payers
),
firsts AS (
    SELECT party, window_start
    FROM (
        SELECT party, window_start,
               lag(window_start) OVER (PARTITION BY party ORDER BY window_start) AS previous_start
        FROM windows
    ) w
    WHERE previous_start IS NULL
       OR previous_start <= window_start - $window_days * INTERVAL '1' DAY
),
inflow AS (
    SELECT f.party, f.window_start,
           max(c.occurred_at) AS window_end,
           sum(c.amount_usd) AS in_usd,
           count(*) AS n_credits,
           count(DISTINCT c.family) AS n_payers,
           list(c.txn_id ORDER BY c.occurred_at, c.txn_id) AS credit_ids,
           min(c.beneficiary_name) AS party_name
    FROM firsts f
    JOIN credits c
      ON c.beneficiary = f.party
     AND c.occurred_at >= f.window_start
     AND c.occurred_at < f.window_start + $window_days * INTERVAL '1' DAY
    GROUP BY f.party, f.window_start
),
outflow AS (
    SELECT i.party, i.window_start,
           sum(d.amount_usd) AS out_usd,
           list(d.txn_id ORDER BY d.occurred_at, d.txn_id) AS debit_ids,
           string_agg(DISTINCT d.exit, ', ' ORDER BY d.exit) AS exits
    FROM inflow i
    JOIN debits d
      ON d.sender = i.party
     AND d.exit IS NOT NULL
     AND d.occurred_at >= i.window_start
     AND d.occurred_at < i.window_end + $pass_hours * INTERVAL '1' HOUR
    GROUP BY i.party, i.window_start
)
SELECT 'party' AS subject_type,
       i.party AS subject_key,
       i.window_start,
       i.window_end,
       round(least(100, 40 + 5 * i.n_payers + 40 * least(1, o.out_usd / i.in_usd)), 1) AS score,
       i.in_usd AS total_usd,
       list_concat(i.credit_ids, o.debit_ids) AS txn_ids,
       i.n_credits,
       i.n_payers,
       o.out_usd,
       round(100 * o.out_usd / i.in_usd) AS out_pct,
       o.exits,
       coalesce(i.party_name, i.party) AS party_name
FROM inflow i
JOIN outflow o USING (party, window_start)
WHERE o.out_usd >= $min_out_share * i.in_usd
ORDER BY i.party, i.window_start
