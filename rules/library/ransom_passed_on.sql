/* ---
id: ransom_passed_on
version: 1
title: A ransom-sized sum from several payers is passed straight on
severity: high
description: >
  A ransom is raised by one to six relatives, often in several countries,
  within about two weeks of the first call, and the collector passes most
  of it on within days through hawala or an MTO to a hub. The rule reports
  a party that receives at least three credits from at least two senders
  within the window, together at least a ransom-sized sum, and sends at
  least 70 % of it on between the first credit and five days after the
  last, to hawala, an MTO, cash or a beneficiary in a hub country. Unlike
  pass_through it asks for one family's ransom, not several families'; the
  pass-on is what sets a collector apart from a shop or a school that many
  people pay, which is why it is of high severity where fan_in_collector
  and ransom_band alone are low. A party is known by phone, else account,
  else name key, on both sides.
indicators: [FinCEN-2023-HS, FATF-2018-HT, NL-KIDANE, PRESS-RANSOM]
params:
  window_days: {default: 14, doc: days in which the credits fall}
  min_credits: {default: 3, doc: credits in the window}
  min_senders: {default: 2, doc: distinct senders}
  min_total_usd: {default: 1500, type: number, doc: 'credits in the window, in USD (the floor of the Libya ransom band)'}
  pass_hours: {default: 120, doc: hours after the last credit by which the money has gone on}
  min_out_share: {default: 0.7, doc: 'share of the credits that goes on (0.7 is 70 %)'}
  hub_countries: {default: [AE, SD, EG, ET, LY], doc: 'countries (ISO codes) where money goes on to the smugglers'}
  exit_pattern: {default: '(?i)geldautomaat|geldopname|\bgea\b|\batm\b|cash|western union|moneygram|\bria\b|worldremit|remitly|small world|dahabshiil|hawala', doc: 'a regular expression on the beneficiary name and memo of a bank payment that marks cash or an MTO'}
tables:
  calling_codes: calling_codes.csv
explain: >
  {party_name} ({subject_key}) received USD {total_usd} in {n_credits} credits from {n_senders}
  senders between {window_start} and {window_end} and sent USD {out_usd} ({out_pct} %) on to
  {exits} within {pass_hours} hours of the last.
--- */
-- Only parties that both receive enough and send something can qualify:
-- a semi join on the hashes first keeps only the rows paid to a party that
-- also sends (most are not), and the keys decide.
WITH senders AS (
    SELECT DISTINCT sender_hash FROM rule_txns WHERE sender_hash IS NOT NULL
),
paid AS (
    SELECT beneficiary AS party, beneficiary_hash AS party_hash
    FROM rule_txns
    WHERE beneficiary IS NOT NULL
      AND beneficiary_hash IN (SELECT sender_hash FROM senders)
    GROUP BY beneficiary, beneficiary_hash
    HAVING count(*) >= $min_credits AND count(DISTINCT sender) >= $min_senders
       AND sum(amount_usd) >= $min_total_usd
),
candidates AS (
    SELECT party
    FROM paid
    WHERE party IN (SELECT t.sender FROM rule_txns t JOIN paid p ON t.sender_hash = p.party_hash)
),
credits AS (
    SELECT t.txn_id, t.occurred_at, t.amount_usd, t.beneficiary_name, t.beneficiary, t.sender
    FROM rule_txns t JOIN candidates c ON t.beneficiary = c.party
),
debits AS (
    SELECT t.txn_id, t.occurred_at, t.amount_usd, t.sender,
           CASE WHEN t.kind = 'hawala' THEN 'hawala'
                WHEN t.kind = 'remittance' THEN 'an MTO'
                WHEN list_contains($hub_countries, t.to_country) THEN t.to_country
                WHEN regexp_matches(concat_ws(' ', t.beneficiary_name, t.memo), $exit_pattern) THEN 'cash or an MTO'
           END AS exit
    FROM rule_txns t JOIN candidates c ON t.sender = c.party
),
windows AS (
    SELECT DISTINCT beneficiary AS party, occurred_at AS window_start
    FROM (
        SELECT beneficiary, occurred_at,
               count(*) OVER w AS n,
               count(DISTINCT sender) OVER w AS n_senders,
               sum(amount_usd) OVER w AS in_usd
        FROM credits
        WINDOW w AS (PARTITION BY beneficiary ORDER BY occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE n >= $min_credits AND n_senders >= $min_senders AND in_usd >= $min_total_usd
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
           count(DISTINCT c.sender) AS n_senders,
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
       round(least(100, 50 + 5 * i.n_senders + 30 * least(1, o.out_usd / i.in_usd)), 1) AS score,
       i.in_usd AS total_usd,
       list_concat(i.credit_ids, o.debit_ids) AS txn_ids,
       i.n_credits,
       i.n_senders,
       o.out_usd,
       round(100 * o.out_usd / i.in_usd) AS out_pct,
       o.exits,
       coalesce(i.party_name, i.party) AS party_name
FROM inflow i
JOIN outflow o USING (party, window_start)
WHERE o.out_usd >= $min_out_share * i.in_usd
ORDER BY i.party, i.window_start
