-- Both sides of every transaction, one row each, with the identity key
-- party resolution groups on: a valid phone (E.164), an account, a name key.
CREATE OR REPLACE TEMP TABLE link_sides AS
SELECT txn_id, 'sender' AS side, sender_name AS name, sender_name_key AS name_key,
       CASE WHEN sender_phone LIKE '+%' THEN sender_phone END AS phone,
       sender_account AS account, sender_country AS country,
       0 AS n_in, 1 AS n_out, 0 AS usd_in, coalesce(amount_usd, 0) AS usd_out
FROM transactions
UNION ALL
SELECT txn_id, 'beneficiary', beneficiary_name, beneficiary_name_key,
       CASE WHEN beneficiary_phone LIKE '+%' THEN beneficiary_phone END,
       beneficiary_account, beneficiary_country,
       1, 0, coalesce(amount_usd, 0), 0
FROM transactions;

DELETE FROM link_sides WHERE phone IS NULL AND account IS NULL AND coalesce(name_key, '') = '';

CREATE OR REPLACE TEMP TABLE link_nodes AS
SELECT concat_ws('|', coalesce(phone, ''), coalesce(account, ''), coalesce(name_key, '')) AS node,
       phone, account, name_key, mode(name) AS name, count(*) AS n
FROM link_sides
GROUP BY ALL;
