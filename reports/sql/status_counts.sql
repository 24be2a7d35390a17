SELECT 'transactions' AS "table", count(*) AS "rows" FROM transactions
UNION ALL SELECT 'transactions (not counted: copies, not completed)', count(*) FILTER (WHERE not_counted IS NOT NULL) FROM transactions
UNION ALL SELECT 'quarantine', count(*) FROM quarantine
UNION ALL SELECT 'alerts (new)', count(*) FILTER (WHERE status = 'new') FROM alerts
UNION ALL SELECT 'alerts (confirmed)', count(*) FILTER (WHERE status = 'confirmed') FROM alerts
UNION ALL SELECT 'alerts (dismissed)', count(*) FILTER (WHERE status = 'dismissed') FROM alerts
UNION ALL SELECT 'parties', count(*) FROM parties
UNION ALL SELECT 'watchlist', count(*) FROM watchlist
UNION ALL SELECT 'hvt_links', count(*) FROM hvt_links
