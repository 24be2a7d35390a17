-- Every name an HVT is listed under, for the exact-name baseline.
SELECT hvt_id, lower(primary_name) AS name FROM watchlist
UNION
SELECT hvt_id, lower(unnest(aliases)) FROM watchlist
