-- What the load did, per file.
SELECT file_no, change, count(*) AS n
FROM watchlist_change
GROUP BY file_no, change;
