/* ---
id: hawala_net_position
version: 1
title: A hawaladar owes a counterpart more than a month's limit with no settlement
severity: low
description: >
  A hawaladar who takes money in owes the counterpart who pays it out, and
  the two settle the balance from time to time: by bank transfer, cash or
  trade. A large position that builds up with no settlement on record is
  settled off the books, or the "hawaladar" is a collector's front. The
  rule sums, per hawaladar and calendar month, the hawala payments taken in
  for each counterpart, less the transfers from the hawaladar to the
  counterpart (bank or ledger) in that month and the settle_days after it,
  and reports a net position above the limit. The counterpart is the
  paying agent where the ledger names one, else the payout city (ledgers
  often name only the city), else the country; a transfer settles with a
  counterpart when its beneficiary has that name or sits in that city. It
  watches the brokers rather than a ransom, hence low severity.
indicators: [HAWALA-PRACTICE, IT-GLAUCO, FATF-2022-MS]
params:
  limit_usd: {default: 50000.0, doc: net position in USD a month above which the rule reports}
  settle_days: {default: 30, doc: days after the month in which a settlement still counts}
explain: >
  {hawaladar} took in USD {obligations_usd} in {n_txn} payments in {month} to be paid out by
  {counterpart} and settled USD {settled_usd} with it: a net position of USD {total_usd},
  above the limit of USD {limit_usd}.
--- */
WITH brokers AS (
    SELECT DISTINCT lower(trim(sending_agent)) AS broker
    FROM transactions
    WHERE kind = 'hawala' AND sending_agent IS NOT NULL
),
taken AS (
    SELECT t.txn_id, t.occurred_at, t.amount_usd, t.sending_agent,
           lower(trim(t.sending_agent)) AS broker,
           lower(trim(coalesce(t.paying_agent, t.beneficiary_city, t.beneficiary_country))) AS counterpart,
           coalesce(t.paying_agent, t.beneficiary_city, t.beneficiary_country) AS counterpart_name,
           coalesce(t.paying_agent, 'its counterpart in ' || coalesce(t.beneficiary_city, t.beneficiary_country)) AS counterpart_label,
           date_trunc('month', t.occurred_at) AS month
    FROM transactions t
    WHERE t.kind = 'hawala' AND t.sending_agent IS NOT NULL AND t.amount_usd IS NOT NULL
      AND coalesce(t.paying_agent, t.beneficiary_city, t.beneficiary_country) IS NOT NULL
      -- A broker's own transfers are settlements, not customers' money.
      AND lower(trim(coalesce(t.sender_name, ''))) NOT IN (SELECT broker FROM brokers)
),
positions AS (
    SELECT broker, counterpart, month,
           min(sending_agent) AS hawaladar,
           min(counterpart_name) AS counterpart_name,
           min(counterpart_label) AS counterpart_label,
           sum(amount_usd) AS obligations_usd,
           list(txn_id ORDER BY occurred_at, txn_id) AS txn_ids,
           min(occurred_at) AS first_at,
           max(occurred_at) AS last_at
    FROM taken
    GROUP BY broker, counterpart, month
    HAVING sum(amount_usd) > $limit_usd
),
settlements AS (
    SELECT t.amount_usd, t.occurred_at, lower(trim(t.sender_name)) AS broker,
           lower(trim(t.beneficiary_name)) AS to_name, lower(trim(t.beneficiary_city)) AS to_city
    FROM transactions t
    WHERE lower(trim(t.sender_name)) IN (SELECT broker FROM positions)
      AND t.amount_usd IS NOT NULL
),
settled AS (
    SELECT p.broker, p.counterpart, p.month, sum(s.amount_usd) AS settled_usd
    FROM positions p
    JOIN settlements s
      ON s.broker = p.broker
     AND (s.to_name = p.counterpart OR s.to_city = p.counterpart)
     AND s.occurred_at >= p.month
     AND s.occurred_at < p.month + INTERVAL '1' MONTH + $settle_days * INTERVAL '1' DAY
    GROUP BY p.broker, p.counterpart, p.month
)
SELECT 'hawaladar' AS subject_type,
       p.hawaladar || ' → ' || p.counterpart_name AS subject_key,
       p.month AS window_start,
       p.last_at AS window_end,
       round(least(100, 30 + 20 * (p.obligations_usd - coalesce(s.settled_usd, 0)) / $limit_usd), 1) AS score,
       p.obligations_usd - coalesce(s.settled_usd, 0) AS total_usd,
       p.txn_ids,
       p.hawaladar,
       p.counterpart_label AS counterpart,
       p.obligations_usd,
       coalesce(s.settled_usd, 0) AS settled_usd,
       strftime(p.month, '%B %Y') AS month
FROM positions p
LEFT JOIN settled s USING (broker, counterpart, month)
WHERE p.obligations_usd - coalesce(s.settled_usd, 0) > $limit_usd
ORDER BY subject_key, window_start
