-- Parties from the resolved nodes (link_party: node -> party, written by
-- the link stage), with the records behind each.
DELETE FROM parties;
DELETE FROM party_members;

CREATE OR REPLACE TEMP TABLE link_member AS
SELECT s.*, m.party_id
FROM link_sides s
JOIN link_party m
  ON m.node = concat_ws('|', coalesce(s.phone, ''), coalesce(s.account, ''), coalesce(s.name_key, ''));

INSERT INTO party_members (party_id, txn_id, side)
SELECT party_id, txn_id, side FROM link_member;

-- Most parties are one identity: they show the identity's own figures
-- (link_nodes, over the same records); the others aggregate their records.
CREATE OR REPLACE TEMP TABLE link_alone AS
SELECT party_id, any_value(node) AS node, count(*) = 1 AS alone
FROM link_party
GROUP BY party_id;

INSERT INTO parties (party_id, display_name, name_key, phones, accounts, countries, n_in, n_out, usd_in, usd_out, evidence, associates)
SELECT a.*, e.evidence, coalesce(e.associates, [])
FROM (
    SELECT l.party_id, n.name AS display_name, n.name_key,
           CASE WHEN n.phone IS NULL THEN [] ELSE [n.phone] END AS phones,
           CASE WHEN n.account IS NULL THEN [] ELSE [n.account] END AS accounts,
           n.countries, n.n_in, n.n_out, n.usd_in, n.usd_out
    FROM link_alone l
    JOIN link_nodes n USING (node)
    WHERE l.alone
    UNION ALL
    SELECT party_id,
           -- the commonest name and key, ties to the last in sort order
           list_sort(list_transform(map_entries(histogram(name)), e -> {'k': e.value, 'v': e.key}))[-1].v AS display_name,
           list_sort(list_transform(map_entries(histogram(name_key)), e -> {'k': e.value, 'v': e.key}))[-1].v AS name_key,
           coalesce(list_sort(list_distinct(list(phone))), []) AS phones,
           coalesce(list_sort(list_distinct(list(account))), []) AS accounts,
           coalesce(list_sort(list_distinct(list(country))), []) AS countries,
           sum(n_in), sum(n_out), sum(usd_in), sum(usd_out)
    FROM link_member
    WHERE party_id IN (SELECT party_id FROM link_alone WHERE NOT alone)
    GROUP BY party_id
) a
LEFT JOIN (
    SELECT party_id, string_agg(evidence, chr(10) ORDER BY evidence) AS evidence,
           list_sort(list_distinct(flatten(list(associates)))) AS associates
    FROM link_evidence
    GROUP BY party_id
) e USING (party_id);

DROP TABLE link_member;
DROP TABLE link_alone;
