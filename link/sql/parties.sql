-- One party per identity: a valid phone (E.164), else an account, else the
-- name key. The id is derived from the identity, so it is stable over reruns.
DELETE FROM parties;

INSERT INTO parties (party_id, display_name, name_key, phones, accounts, countries, n_in, n_out, usd_in, usd_out)
WITH sides AS (
    SELECT coalesce(CASE WHEN sender_phone LIKE '+%' THEN sender_phone END, sender_account,
                    'name:' || sender_name_key) AS ident,
           sender_name AS name, sender_name_key AS name_key,
           CASE WHEN sender_phone LIKE '+%' THEN sender_phone END AS phone,
           sender_account AS account, sender_country AS country,
           0 AS n_in, 1 AS n_out, 0 AS usd_in, amount_usd AS usd_out
    FROM transactions
    UNION ALL
    SELECT coalesce(CASE WHEN beneficiary_phone LIKE '+%' THEN beneficiary_phone END, beneficiary_account,
                    'name:' || beneficiary_name_key),
           beneficiary_name, beneficiary_name_key,
           CASE WHEN beneficiary_phone LIKE '+%' THEN beneficiary_phone END,
           beneficiary_account, beneficiary_country,
           1, 0, amount_usd, 0
    FROM transactions
)
SELECT 'P' || substr(md5(ident), 1, 16) AS party_id,
       mode(name) AS display_name,
       mode(name_key) AS name_key,
       coalesce(list_sort(list(DISTINCT phone) FILTER (WHERE phone IS NOT NULL)), []) AS phones,
       coalesce(list_sort(list(DISTINCT account) FILTER (WHERE account IS NOT NULL)), []) AS accounts,
       coalesce(list_sort(list(DISTINCT country) FILTER (WHERE country IS NOT NULL)), []) AS countries,
       sum(n_in) AS n_in,
       sum(n_out) AS n_out,
       sum(usd_in) AS usd_in,
       sum(usd_out) AS usd_out
FROM sides
WHERE ident IS NOT NULL
GROUP BY ident;
