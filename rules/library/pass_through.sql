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
-- rule_txns holds the keys, families and countries. Only a party that
-- also sends can pass money on: a semi join on the hashes keeps the rows
-- paid to one (most parties are not). A window of window_days lies within
-- two running spans of window_days (day // window_days): a GROUP BY on the
-- beneficiary's hash finds the pairs of spans that hold min_credits; only
-- a window that starts in such a pair can qualify, and only the rows of
-- those pairs go through the windows.
WITH spans AS (
    SELECT beneficiary_hash, day // $window_days AS span, count(*) AS n
    FROM rule_txns
    WHERE beneficiary_hash IN (SELECT DISTINCT sender_hash FROM rule_txns)
    GROUP BY beneficiary_hash, day // $window_days
),
starts AS (
    SELECT a.beneficiary_hash, a.span
    FROM spans a
    LEFT JOIN spans b ON b.beneficiary_hash = a.beneficiary_hash AND b.span = a.span + 1
    WHERE a.n + coalesce(b.n, 0) >= $min_credits
),
kept AS (
    SELECT beneficiary_hash, span, max(is_start) AS is_start
    FROM (SELECT beneficiary_hash, span, 1 AS is_start FROM starts
          UNION ALL
          SELECT beneficiary_hash, span + 1, 0 FROM starts) k
    GROUP BY beneficiary_hash, span
),
-- Credits of parties that could qualify; and what those parties send on.
candidates AS (
    SELECT beneficiary AS party, beneficiary_hash AS party_hash
    FROM rule_txns
    WHERE beneficiary_hash IN (SELECT beneficiary_hash FROM starts)
    GROUP BY beneficiary, beneficiary_hash
    HAVING count(*) >= $min_credits AND count(DISTINCT family) >= $min_payers
),
credits AS (
    SELECT t.txn_id, t.occurred_at, t.day, t.amount_usd, t.beneficiary_name, t.beneficiary, t.beneficiary_hash,
           t.family
    FROM rule_txns t JOIN candidates c ON t.beneficiary_hash = c.party_hash AND t.beneficiary = c.party
),
debits AS (
    SELECT t.txn_id, t.occurred_at, t.amount_usd, t.sender,
           CASE WHEN t.kind = 'hawala' THEN 'hawala'
                WHEN t.kind = 'remittance' THEN 'an MTO'
                WHEN list_contains($hub_countries, t.to_country) THEN t.to_country
                WHEN regexp_matches(concat_ws(' ', t.beneficiary_name, t.memo), $exit_pattern) THEN 'cash or an MTO'
           END AS exit
    FROM rule_txns t JOIN candidates c ON t.sender_hash = c.party_hash AND t.sender = c.party
),
windows AS (
    SELECT DISTINCT beneficiary AS party, occurred_at AS window_start
    FROM (
        SELECT c.beneficiary, c.occurred_at, k.is_start,
               count(*) OVER w AS n,
               count(DISTINCT c.family) OVER w AS n_payers
        FROM credits c
        JOIN kept k ON k.beneficiary_hash = c.beneficiary_hash AND k.span = c.day // $window_days
        WINDOW w AS (PARTITION BY c.beneficiary ORDER BY c.occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE is_start = 1 AND n >= $min_credits AND n_payers >= $min_payers
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
