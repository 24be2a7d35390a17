-- The parties linked to one HVT: direct links first, strongest first, each
-- with its explanation; then the parties whose money reaches them.
SELECT l.status AS "Status", l.method AS "Method", round(l.score, 3) AS "Score", l.hops AS "Hops",
       p.party_id AS "Party", p.display_name AS "Name", array_to_string(p.phones, ', ') AS "Phones",
       replace(coalesce(l.path, l.explanation), chr(10), '; ') AS "Why"
FROM hvt_links l
JOIN parties p USING (party_id)
WHERE l.hvt_id = $hvt
ORDER BY l.method = 'network', l.hops, l.score DESC, p.party_id
