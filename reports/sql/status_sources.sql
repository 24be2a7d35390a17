SELECT file_name AS "file", kind, profile, rows_read AS "read", rows_loaded AS "loaded",
       rows_quarantined AS "quarantined", loaded_at AS "loaded at (UTC)"
FROM sources
ORDER BY loaded_at, file_name
