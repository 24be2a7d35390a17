-- Blocking: the (party, HVT) pairs worth comparing, one row per rule that
-- proposes the pair, so link -v can say what each rule costs. Sound keys
-- of every name part (link_pkeys for parties, link_hkeys for the
-- watchlist) are written by the link stage.
CREATE OR REPLACE TEMP TABLE link_candidates AS
SELECT 'phone' AS rule, p.party_id, w.hvt_id
FROM (SELECT party_id, unnest(phones) AS phone FROM parties) p
JOIN (SELECT hvt_id, unnest(phones) AS phone FROM watchlist) w USING (phone)
UNION
SELECT 'account', p.party_id, w.hvt_id
FROM (SELECT party_id, unnest(accounts) AS account FROM parties) p
JOIN (SELECT hvt_id, unnest(accounts) AS account FROM watchlist) w USING (account)
UNION
SELECT 'two shared name sounds', p.party_id, h.hvt_id
FROM link_pkeys p
JOIN link_hkeys h USING (sound)
GROUP BY p.party_id, p.name_idx, h.hvt_id, h.name_idx
HAVING count(DISTINCT sound) >= 2
UNION
SELECT 'given name and father''s start', p0.party_id, h0.hvt_id
FROM link_pkeys p0
JOIN link_hkeys h0 ON p0.pos = 0 AND h0.pos = 0 AND p0.sound = h0.sound
JOIN link_pkeys p1 ON p1.party_id = p0.party_id AND p1.name_idx = p0.name_idx AND p1.pos = 1
JOIN link_hkeys h1 ON h1.hvt_id = h0.hvt_id AND h1.name_idx = h0.name_idx AND h1.pos = 1
 AND left(p1.part, 3) = left(h1.part, 3);
