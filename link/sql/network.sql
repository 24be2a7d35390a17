-- Network proximity: from every party linked to an HVT (or confirmed by an
-- analyst), follow the money backwards up to $hops payments and record each
-- party on the way as a network link with its shortest path. The score is
-- the linked party's: how sure it is that the end of the path is the HVT.
-- link_payments (collected.sql) has every payment between two parties.
CREATE OR REPLACE TEMP TABLE link_edges AS
SELECT src, dst, sum(usd) AS usd, count(*) AS n
FROM link_payments
GROUP BY ALL;

INSERT INTO hvt_links (hvt_id, party_id, score, method, hops, explanation, run_id, status, path)
WITH RECURSIVE walk(hvt_id, party_id, hops, score, seen, steps, usd) AS (
    SELECT hvt_id, party_id, 0, max(score), [party_id], []::VARCHAR[], 0::DECIMAL(18, 2)
    FROM hvt_links
    WHERE status IN ('link', 'confirmed') AND method <> 'network'
    GROUP BY hvt_id, party_id
    UNION ALL
    SELECT w.hvt_id, e.src, w.hops + 1, w.score, list_append(w.seen, e.src),
           list_prepend(printf('%s → %s: USD %s in %d payment%s', coalesce(ps.display_name, e.src),
                               coalesce(pd.display_name, e.dst), CAST(e.usd AS VARCHAR), e.n, CASE WHEN e.n = 1 THEN '' ELSE 's' END), w.steps),
           e.usd
    FROM walk w
    JOIN link_edges e ON e.dst = w.party_id
    JOIN parties ps ON ps.party_id = e.src
    JOIN parties pd ON pd.party_id = e.dst
    WHERE w.hops < $hops AND NOT list_contains(w.seen, e.src)
),
nearest AS (
    -- the shortest path, then the largest sum, then the first in sort
    -- order, so reruns agree
    SELECT hvt_id, party_id, min(hops) AS hops, arg_min(score, (hops, -score)) AS score,
           arg_min(steps, (hops, -usd, array_to_string(steps, chr(10)))) AS steps
    FROM walk
    WHERE hops > 0
    GROUP BY hvt_id, party_id
)
SELECT n.hvt_id, n.party_id, n.score, 'network', n.hops,
       printf('%d payment hop%s from a party linked to %s', n.hops, CASE WHEN n.hops = 1 THEN '' ELSE 's' END, n.hvt_id),
       $run_id, 'network', array_to_string(n.steps, chr(10))
FROM nearest n
WHERE NOT EXISTS (SELECT 1 FROM hvt_links l WHERE l.hvt_id = n.hvt_id AND l.party_id = n.party_id);
