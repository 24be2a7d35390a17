-- What the load did, per file.
SELECT file_no, change, count(*) AS n, NULL AS ids
FROM watchlist_change
GROUP BY file_no, change
UNION ALL
SELECT file_no, 'absent', count(*), string_agg(hvt_id, ' ' ORDER BY hvt_id)
FROM watchlist_absent
GROUP BY file_no;
