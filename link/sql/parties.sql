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

INSERT INTO parties (party_id, display_name, name_key, phones, accounts, countries, n_in, n_out, usd_in, usd_out, evidence, associates)
SELECT a.*, e.evidence, coalesce(e.associates, [])
FROM (
    SELECT party_id,
           mode(name) AS display_name,
           mode(name_key) AS name_key,
           coalesce(list_sort(list(DISTINCT phone) FILTER (WHERE phone IS NOT NULL)), []) AS phones,
           coalesce(list_sort(list(DISTINCT account) FILTER (WHERE account IS NOT NULL)), []) AS accounts,
           coalesce(list_sort(list(DISTINCT country) FILTER (WHERE country IS NOT NULL)), []) AS countries,
           sum(n_in), sum(n_out), sum(usd_in), sum(usd_out)
    FROM link_member
    GROUP BY party_id
) a
LEFT JOIN (
    SELECT party_id, string_agg(evidence, chr(10)) AS evidence,
           list_sort(list_distinct(flatten(list(associates)))) AS associates
    FROM link_evidence
    GROUP BY party_id
) e USING (party_id);

DROP TABLE link_member;
