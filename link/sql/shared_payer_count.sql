-- How many parties, not linked themselves, a payer of a linked party also
-- pays: the u of the shared payer.
WITH linked AS (
    SELECT DISTINCT party_id FROM hvt_links WHERE status IN ('link', 'confirmed') AND method <> 'network'
)
SELECT count(DISTINCT o.dst)
FROM linked l
JOIN link_payments p ON p.dst = l.party_id
JOIN link_payments o ON o.src = p.src
WHERE o.dst NOT IN (SELECT party_id FROM linked)
