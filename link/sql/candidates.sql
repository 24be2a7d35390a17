-- Blocking: the (party, HVT) pairs worth comparing, one row per rule that
-- proposes the pair, so link -v can say what each rule costs. The name
-- keys (link_pkeys for parties, link_hkeys for the watchlist) are written
-- by the link stage: every pair of a name's part sounds, sorted, so that
-- two shared sounds in any order are one equality; and the given name's
-- sound with the first three letters of the father's.
CREATE OR REPLACE TEMP TABLE link_candidates AS
SELECT 'phone' AS rule, p.party_id, w.hvt_id
FROM (SELECT party_id, unnest(phones) AS phone FROM parties) p
JOIN (SELECT hvt_id, unnest(phones) AS phone FROM watchlist) w USING (phone)
UNION
SELECT 'account', p.party_id, w.hvt_id
FROM (SELECT party_id, unnest(accounts) AS account FROM parties) p
JOIN (SELECT hvt_id, unnest(accounts) AS account FROM watchlist) w USING (account)
UNION
SELECT CASE p.kind WHEN 'sounds' THEN 'two shared name sounds' ELSE 'given name and father''s start' END,
       p.party_id, h.hvt_id
FROM link_pkeys p
JOIN link_hkeys h USING (kind, key);
