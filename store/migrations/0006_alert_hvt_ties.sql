-- alert_hvt with ties broken by HVT id, so that reruns agree.
CREATE OR REPLACE VIEW alert_hvt AS
SELECT a.alert_id,
       arg_min(l.hvt_id, (l.hops, -l.score, l.hvt_id)) AS hvt_id,
       min(l.hops) AS hops,
       arg_min(coalesce(l.path, ''), (l.hops, -l.score, l.hvt_id)) AS path
FROM alerts a, unnest(a.txn_ids) AS u(txn_id)
JOIN party_members m ON m.txn_id = u.txn_id AND m.side = 'beneficiary'
JOIN hvt_links l ON l.party_id = m.party_id AND l.status IN ('link', 'confirmed', 'network')
GROUP BY a.alert_id;
