-- Links in the review band, strongest first, for an analyst to confirm or
-- reject.
SELECT l.hvt_id AS "HVT", w.primary_name AS "HVT name", l.party_id AS "Party", p.display_name AS "Party name",
       array_to_string(p.phones, ', ') AS "Phones", round(l.score, 3) AS "Score",
       replace(l.explanation, chr(10), '; ') AS "Why"
FROM hvt_links l
JOIN parties p USING (party_id)
JOIN watchlist w USING (hvt_id)
WHERE l.status = 'review'
ORDER BY l.score DESC, l.hvt_id, l.party_id
