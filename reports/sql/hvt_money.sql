-- Money into the parties linked to one HVT, by channel and month.
SELECT t.kind AS "Channel", strftime(t.occurred_at, '%Y-%m') AS "Month", count(*) AS "Payments",
       sum(t.amount_usd) AS "USD"
FROM hvt_links l
JOIN party_members m ON m.party_id = l.party_id AND m.side = 'beneficiary'
JOIN transactions t ON t.txn_id = m.txn_id
WHERE l.hvt_id = $hvt AND l.method <> 'network' AND l.status IN ('link', 'confirmed')
  AND t.not_counted IS NULL
GROUP BY ALL
ORDER BY ALL
