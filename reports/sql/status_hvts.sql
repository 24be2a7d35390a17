-- Alerts by the nearest HVT their money reaches.
SELECT h.hvt_id AS "HVT", w.primary_name AS "name", count(*) AS "alerts", min(h.hops) AS "nearest (hops)",
       sum(a.total_usd) AS "total USD"
FROM alert_hvt h
JOIN alerts a USING (alert_id)
JOIN watchlist w USING (hvt_id)
GROUP BY ALL
ORDER BY "alerts" DESC, h.hvt_id
