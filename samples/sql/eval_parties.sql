-- Each party with its phones and name, and its strongest link per HVT.
SELECT p.party_id, coalesce(p.display_name, '') AS display_name, p.phones,
       coalesce(list(l.hvt_id ORDER BY l.hvt_id) FILTER (WHERE l.hvt_id IS NOT NULL), []) AS hvts,
       coalesce(list(l.score ORDER BY l.hvt_id) FILTER (WHERE l.hvt_id IS NOT NULL), []) AS scores
FROM parties p
LEFT JOIN (
    -- Direct links only: a network link says where money goes, not who a
    -- party is. An analyst's decision overrides the score.
    SELECT hvt_id, party_id,
           max(CASE status WHEN 'confirmed' THEN 1 WHEN 'rejected' THEN 0 ELSE score END) AS score
    FROM hvt_links
    WHERE method <> 'network'
    GROUP BY ALL
) l USING (party_id)
GROUP BY p.party_id, p.display_name, p.phones
