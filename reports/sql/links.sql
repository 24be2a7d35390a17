-- Parties linked to HVTs, with the reasons.
SELECT l.hvt_id         AS "HVT",
       w.primary_name   AS "HVT name",
       p.party_id       AS "Party",
       p.display_name   AS "Party name",
       array_to_string(p.phones, ', ') AS "Party phones",
       l.status         AS "Status",
       l.method         AS "Method",
       l.hops           AS "Hops",
       round(l.score, 3) AS "Score",
       l.explanation    AS "Explanation",
       l.path           AS "Path",
       p.n_in           AS "Payments in",
       p.usd_in         AS "USD in",
       p.n_out          AS "Payments out",
       p.usd_out        AS "USD out"
FROM hvt_links l
JOIN watchlist w USING (hvt_id)
JOIN parties p USING (party_id)
ORDER BY l.hvt_id, l.method = 'network', l.hops, l.score DESC, p.party_id
