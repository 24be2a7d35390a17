-- The files the figures come from.
SELECT file_name        AS "File",
       kind             AS "Channel",
       profile          AS "Layout",
       rows_read        AS "Rows read",
       rows_loaded      AS "Loaded",
       rows_quarantined AS "Quarantined",
       loaded_at        AS "Loaded at (UTC)",
       source_id        AS "SHA-256",
       path             AS "Path"
FROM sources
ORDER BY file_name, loaded_at
