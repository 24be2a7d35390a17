-- The pairs in review whose party a payer of a party linked to the same HVT
-- also pays (the same collector paying the HVT on two phones), with the
-- first payer and linked party in sort order, so reruns agree.
WITH review AS (
    SELECT hvt_id, party_id FROM hvt_links WHERE status = 'review' AND method <> 'network'
),
linked AS (
    SELECT DISTINCT hvt_id, party_id FROM hvt_links WHERE status IN ('link', 'confirmed') AND method <> 'network'
),
shared AS (
    SELECT r.hvt_id, r.party_id, a.src AS payer_id, l.party_id AS linked_id
    FROM review r
    JOIN link_payments a ON a.dst = r.party_id
    JOIN link_payments b ON b.src = a.src AND b.dst <> r.party_id
    JOIN linked l ON l.hvt_id = r.hvt_id AND l.party_id = b.dst
)
SELECT s.hvt_id, s.party_id,
       arg_min(ps.display_name, (ps.display_name, pl.display_name)) AS payer,
       arg_min(pl.display_name, (ps.display_name, pl.display_name)) AS linked
FROM shared s
JOIN parties ps ON ps.party_id = s.payer_id
JOIN parties pl ON pl.party_id = s.linked_id
GROUP BY s.hvt_id, s.party_id
ORDER BY s.hvt_id, s.party_id
