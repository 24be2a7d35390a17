-- The pairs in review whose party a payer of a party linked to the same HVT
-- also pays (the same collector paying the HVT on two phones), with the
-- first payer and linked party in sort order, so reruns agree; and how many
-- parties share a payer with any linked party, the u of the feature.
WITH linked AS (
    SELECT DISTINCT hvt_id, party_id
    FROM hvt_links
    WHERE status IN ('link', 'confirmed') AND method <> 'network'
),
shared AS (
    SELECT l.hvt_id, l.party_id AS linked_id, p.src AS payer_id, o.dst AS party_id
    FROM linked l
    JOIN link_payments p ON p.dst = l.party_id
    JOIN link_payments o ON o.src = p.src AND o.dst <> l.party_id
)
SELECT r.hvt_id, r.party_id,
       arg_min(ps.display_name, (ps.display_name, pl.display_name)) AS payer,
       arg_min(pl.display_name, (ps.display_name, pl.display_name)) AS linked,
       (SELECT count(DISTINCT party_id) FROM shared WHERE party_id NOT IN (SELECT party_id FROM linked)) AS n_shared
FROM hvt_links r
JOIN shared s ON s.hvt_id = r.hvt_id AND s.party_id = r.party_id
JOIN parties ps ON ps.party_id = s.payer_id
JOIN parties pl ON pl.party_id = s.linked_id
WHERE r.status = 'review' AND r.method <> 'network'
GROUP BY r.hvt_id, r.party_id
ORDER BY r.hvt_id, r.party_id
