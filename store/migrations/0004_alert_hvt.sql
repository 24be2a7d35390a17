-- The nearest HVT each alert's money reaches: an alert's beneficiaries are
-- linked to the HVT (0 hops) or pay a linked party within the walked hops.
-- Used by status, the report and hvt show.
CREATE VIEW alert_hvt AS
SELECT a.alert_id,
       arg_min(l.hvt_id, l.hops * 10 - l.score) AS hvt_id,
       min(l.hops) AS hops,
       arg_min(coalesce(l.path, ''), l.hops * 10 - l.score) AS path
FROM alerts a, unnest(a.txn_ids) AS u(txn_id)
JOIN party_members m ON m.txn_id = u.txn_id AND m.side = 'beneficiary'
JOIN hvt_links l ON l.party_id = m.party_id AND l.status IN ('link', 'confirmed', 'network')
GROUP BY a.alert_id;
