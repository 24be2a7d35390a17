-- Alerts whose money reaches one HVT: the alert's beneficiaries are linked
-- to it, or pay a linked party within the walked hops.
SELECT a.rule_id AS "Rule", a.score AS "Score", min(l.hops) AS "Hops", a.summary AS "Summary",
       replace(coalesce(arg_min(l.path, l.hops), ''), chr(10), '; ') AS "Path"
FROM alerts a, unnest(a.txn_ids) AS u(txn_id)
JOIN party_members m ON m.txn_id = u.txn_id AND m.side = 'beneficiary'
JOIN hvt_links l ON l.party_id = m.party_id
WHERE l.hvt_id = $hvt AND l.status IN ('link', 'confirmed', 'network')
GROUP BY a.alert_id, a.rule_id, a.score, a.summary
ORDER BY min(l.hops), a.score DESC, a.alert_id
