-- Alerts whose money reaches one HVT, nearest first: the alert's
-- beneficiaries are linked to it, or pay a linked party within the walked
-- hops (view alert_hvt).
SELECT a.rule_id AS "Rule", a.score AS "Score", h.hops AS "Hops", a.summary AS "Summary",
       replace(h.path, chr(10), '; ') AS "Path"
FROM alerts a
JOIN alert_hvt h USING (alert_id)
WHERE h.hvt_id = $hvt
ORDER BY h.hops, severity_rank(a.severity), a.score DESC, a.alert_id
