/* ---
id: sub_threshold
version: 1
title: Repeated sends just under a reporting threshold
severity: medium
description: >
  Senders keep transfers below the amounts at which an MTO or bank must
  record or check more: USD 3,000 in the United States, EUR 1,000 for the
  originator and beneficiary information of FATF Recommendation 16 (the EU
  and many others). The rule reports a sender with two or more sends within
  a week in the band just under either threshold, counted across every
  agent and channel, since splitting over agents is how the threshold is
  kept. A send is in the band when its amount is at least band × threshold
  and below the threshold; one cent under counts, the threshold itself
  does not.
indicators: [FinCEN-2014-A008, FATF-R16, AUSTRAC-PS]
params:
  threshold_usd: {default: 3000.0, doc: threshold in USD}
  threshold_eur: {default: 1000.0, doc: threshold in EUR}
  band: {default: 0.8, doc: the band starts at this share of the threshold}
  window_days: {default: 7, doc: days in which the sends fall}
  min_sends: {default: 2, doc: sends in the band}
  min_agents: {default: 1, doc: 'distinct sending agents (or channels, where a row names no agent) the sends go through; 2 looks only for sends split over agents'}
explain: >
  {sender_name} ({subject_key}) sent {n_txn} transfers just under a reporting threshold
  (USD {threshold_usd} / EUR {threshold_eur}) through {n_agents} agents between {window_start}
  and {window_end}: USD {total_usd} to {n_beneficiaries} beneficiaries.
--- */
WITH band AS (
    SELECT txn_id, occurred_at, amount_usd, sender_name,
           coalesce(sender_phone, sender_account, sender_name_key) AS sender,
           coalesce(beneficiary_phone, beneficiary_account, beneficiary_name_key) AS beneficiary,
           coalesce(sending_agent, kind) AS agent
    FROM transactions
    WHERE coalesce(sender_phone, sender_account, sender_name_key) IS NOT NULL
      AND ((amount_usd >= CAST($band * $threshold_usd AS DECIMAL(18, 2))
            AND amount_usd < CAST($threshold_usd AS DECIMAL(18, 2)))
        OR (amount_eur >= CAST($band * $threshold_eur AS DECIMAL(18, 2))
            AND amount_eur < CAST($threshold_eur AS DECIMAL(18, 2))))
),
windows AS (
    SELECT DISTINCT sender, occurred_at AS window_start
    FROM (
        SELECT sender, occurred_at,
               count(*) OVER w AS n,
               count(DISTINCT agent) OVER w AS n_agents
        FROM band
        WINDOW w AS (PARTITION BY sender ORDER BY occurred_at
                     RANGE BETWEEN CURRENT ROW
                           AND $window_days * INTERVAL '1' DAY - INTERVAL '1' MICROSECOND FOLLOWING)
    ) s
    WHERE n >= $min_sends AND n_agents >= $min_agents
),
firsts AS (
    SELECT sender, window_start
    FROM (
        SELECT sender, window_start,
               lag(window_start) OVER (PARTITION BY sender ORDER BY window_start) AS previous_start
        FROM windows
    ) w
    WHERE previous_start IS NULL
       OR previous_start <= window_start - $window_days * INTERVAL '1' DAY
)
SELECT 'sender' AS subject_type,
       f.sender AS subject_key,
       f.window_start,
       max(b.occurred_at) AS window_end,
       least(100, 30 + 15 * count(*) + 10 * count(DISTINCT b.agent)) AS score,
       sum(b.amount_usd) AS total_usd,
       list(b.txn_id ORDER BY b.occurred_at, b.txn_id) AS txn_ids,
       count(DISTINCT b.agent) AS n_agents,
       count(DISTINCT b.beneficiary) AS n_beneficiaries,
       coalesce(min(b.sender_name), f.sender) AS sender_name
FROM firsts f
JOIN band b
  ON b.sender = f.sender
 AND b.occurred_at >= f.window_start
 AND b.occurred_at < f.window_start + $window_days * INTERVAL '1' DAY
GROUP BY f.sender, f.window_start
ORDER BY f.sender, f.window_start
