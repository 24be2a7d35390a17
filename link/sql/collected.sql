-- Money that corroborates a name: a party that receives most of a
-- collection passed straight on. A collector is paid by several others
-- within two weeks (a ransom raised by the relatives) and passes most of it
-- on within days; the party it pays is an HVT, or an intermediary, far more
-- often than a party taken at random. The figures follow the rules
-- fan_in_collector and ransom_passed_on: at least 3 senders and USD 1,500
-- in the 19 days up to the payment (14 days of collecting, 5 to pass it
-- on), and at least half of it passed to the one party within 5 days.
CREATE OR REPLACE TEMP TABLE link_payments AS
SELECT s.party_id AS src, b.party_id AS dst, t.occurred_at AS paid_at, coalesce(t.amount_usd, 0) AS usd
FROM party_members s
JOIN party_members b ON b.txn_id = s.txn_id AND b.side = 'beneficiary'
JOIN transactions t ON t.txn_id = s.txn_id
WHERE s.side = 'sender' AND s.party_id <> b.party_id AND t.not_counted IS NULL;

CREATE OR REPLACE TEMP TABLE link_collected AS
WITH collectors AS (
    -- (the three distinct senders are asked below, of far fewer rows)
    SELECT dst AS party FROM link_payments GROUP BY dst HAVING count(*) >= 3 AND sum(usd) >= 1500
    INTERSECT
    SELECT src FROM link_payments
),
credits AS (
    SELECT p.* FROM link_payments p JOIN collectors c ON p.dst = c.party
),
debits AS (
    SELECT p.* FROM link_payments p JOIN collectors c ON p.src = c.party
),
-- each payment on, with what others paid the collector in the 19 days to it
inflow AS (
    SELECT d.src, d.dst, d.paid_at, count(DISTINCT c.src) AS n_senders, sum(c.usd) AS usd_in
    FROM (SELECT DISTINCT src, dst, paid_at FROM debits) d
    JOIN credits c
      ON c.dst = d.src AND c.src <> d.dst
     AND c.paid_at <= d.paid_at AND c.paid_at > d.paid_at - INTERVAL 19 DAY
    GROUP BY ALL
    HAVING count(DISTINCT c.src) >= 3 AND sum(c.usd) >= 1500
),
-- and what the collector paid the same party from it to 5 days later
passed AS (
    SELECT i.src, i.dst, i.paid_at, i.n_senders, i.usd_in, sum(d.usd) AS usd
    FROM inflow i
    JOIN debits d ON d.src = i.src AND d.dst = i.dst AND d.paid_at >= i.paid_at AND d.paid_at < i.paid_at + INTERVAL 5 DAY
    GROUP BY ALL
)
-- a party's largest share of a collection, ties to the larger sum and the
-- earlier payment, so reruns agree
SELECT dst AS party_id,
       arg_max(src, (usd / usd_in, usd, -epoch(paid_at), src)) AS payer_id,
       arg_max(usd, (usd / usd_in, usd, -epoch(paid_at), src)) AS usd,
       arg_max(usd_in, (usd / usd_in, usd, -epoch(paid_at), src)) AS usd_in,
       arg_max(n_senders, (usd / usd_in, usd, -epoch(paid_at), src)) AS n_senders,
       arg_max(paid_at, (usd / usd_in, usd, -epoch(paid_at), src)) AS paid_at
FROM passed
WHERE usd >= 0.5 * usd_in
GROUP BY dst;
