-- Both sides of every transaction, one row each, with the identity key
-- party resolution groups on: a valid phone (E.164), an account, a name key.
-- A row that does not count (a second copy, a transfer that did not go
-- through) still tells who is who, but adds nothing to the totals.
CREATE OR REPLACE TEMP TABLE link_sides AS
SELECT txn_id, 'sender' AS side, sender_name AS name, sender_name_key AS name_key,
       CASE WHEN sender_phone LIKE '+%' THEN sender_phone END AS phone,
       sender_account AS account, sender_country AS country,
       0 AS n_in, CASE WHEN not_counted IS NULL THEN 1 ELSE 0 END AS n_out,
       0 AS usd_in, CASE WHEN not_counted IS NULL THEN coalesce(amount_usd, 0) ELSE 0 END AS usd_out
FROM transactions
UNION ALL
SELECT txn_id, 'beneficiary', beneficiary_name, beneficiary_name_key,
       CASE WHEN beneficiary_phone LIKE '+%' THEN beneficiary_phone END,
       beneficiary_account, beneficiary_country,
       CASE WHEN not_counted IS NULL THEN 1 ELSE 0 END, 0,
       CASE WHEN not_counted IS NULL THEN coalesce(amount_usd, 0) ELSE 0 END, 0
FROM transactions;

DELETE FROM link_sides WHERE phone IS NULL AND account IS NULL AND coalesce(name_key, '') = '';

-- One row per identity, with what a party of that one identity shows
-- (parties.sql). Its name is the commonest one written, ties to the last
-- in sort order so reruns agree: most identities are written one way, so
-- the count runs only over those written several.
CREATE OR REPLACE TEMP TABLE link_nodes AS
SELECT concat_ws('|', coalesce(phone, ''), coalesce(account, ''), coalesce(name_key, '')) AS node,
       phone, account, name_key, min(name) AS name, count(*) AS n,
       min(name) IS DISTINCT FROM max(name) AS mixed,
       coalesce(list_sort(list_distinct(list(country))), []) AS countries,
       sum(n_in) AS n_in, sum(n_out) AS n_out, sum(usd_in) AS usd_in, sum(usd_out) AS usd_out
FROM link_sides
GROUP BY ALL;

UPDATE link_nodes SET name = m.name
FROM (
    SELECT node, arg_max(name, (n, name)) AS name
    FROM (
        SELECT concat_ws('|', coalesce(phone, ''), coalesce(account, ''), coalesce(name_key, '')) AS node, name, count(*) AS n
        FROM link_sides
        WHERE concat_ws('|', coalesce(phone, ''), coalesce(account, ''), coalesce(name_key, '')) IN (SELECT node FROM link_nodes WHERE mixed)
        GROUP BY ALL
    )
    GROUP BY node
) m
WHERE link_nodes.node = m.node;
