/* ---
id: shared_identifier
version: 2
title: One phone or account collects under different names
severity: medium
description: >
  Collectors and the men behind them receive under several names (aliases,
  kunyas, a relative's name) while keeping one phone or account, as in the
  ledger of the Glauco investigation. The rule reports a beneficiary phone
  or account paid under two or more names that are not spellings of one
  name: they share no name, not even by sound (the sounds the link stage
  compares parts by, so Woldemichael Michael Mussie and the same name
  written in Ge'ez are one), and their similarity (Jaro-Winkler over the
  name keys) is below the limit. Siblings share their father's name and so
  do not count; a family phone used by in-laws does, so the rule is of
  medium severity alone. The rows carry no ID documents: only phones and
  accounts are compared.
indicators: [AUSTRAC-PS, IT-GLAUCO]
params:
  max_similarity: {default: 0.8, doc: 'names at least this similar (Jaro-Winkler, 0–1) are taken for spellings of one name'}
explain: >
  {subject_type} {subject_key} was paid under {n_names} names that are not spellings of one
  ({names}) in {n_txn} payments between {window_start} and {window_end}: USD {total_usd}.
--- */
-- name_sounds holds every name key of the phones and accounts written
-- under more than one name, so only rows with one of those keys can count:
-- a semi join keeps them (of a million rows, a few) before any grouping.
WITH paid AS (
    SELECT txn_id, occurred_at, amount_usd, beneficiary_name, beneficiary_name_key AS name_key,
           'phone' AS kind, beneficiary_phone AS identifier
    FROM transactions
    WHERE beneficiary_phone IS NOT NULL AND beneficiary_name_key IS NOT NULL AND beneficiary_name_key <> ''
      AND beneficiary_name_key IN (SELECT name_key FROM name_sounds)
    UNION ALL
    SELECT txn_id, occurred_at, amount_usd, beneficiary_name, beneficiary_name_key,
           'account', beneficiary_account
    FROM transactions
    WHERE beneficiary_account IS NOT NULL AND beneficiary_name_key IS NOT NULL AND beneficiary_name_key <> ''
      AND beneficiary_name_key IN (SELECT name_key FROM name_sounds)
),
several AS (
    SELECT kind, identifier
    FROM paid
    GROUP BY kind, identifier
    HAVING count(DISTINCT name_key) >= 2
),
names AS (
    SELECT DISTINCT p.kind, p.identifier, p.name_key, string_split(p.name_key, ' ') AS tokens,
           string_split(ns.sounds, ' ') AS sounds
    FROM paid p JOIN several s USING (kind, identifier)
    LEFT JOIN name_sounds ns ON ns.name_key = p.name_key
),
-- Two names differ when they share no name, not even by sound, and are
-- not near-spellings.
different AS (
    SELECT a.kind, a.identifier, a.name_key AS name_a, b.name_key AS name_b
    FROM names a
    JOIN names b
      ON a.kind = b.kind AND a.identifier = b.identifier AND a.name_key < b.name_key
    WHERE NOT list_has_any(a.tokens, b.tokens)
      AND NOT coalesce(list_has_any(a.sounds, b.sounds), false)
      AND jaro_winkler_similarity(a.name_key, b.name_key) < $max_similarity
),
flagged AS (
    SELECT kind, identifier, name_key
    FROM (SELECT kind, identifier, name_a AS name_key FROM different
          UNION SELECT kind, identifier, name_b FROM different) d
)
SELECT p.kind AS subject_type,
       p.identifier AS subject_key,
       min(p.occurred_at) AS window_start,
       max(p.occurred_at) AS window_end,
       least(100, 30 + 15 * count(DISTINCT p.name_key)) AS score,
       sum(p.amount_usd) AS total_usd,
       list(p.txn_id ORDER BY p.occurred_at, p.txn_id) AS txn_ids,
       count(DISTINCT p.name_key) AS n_names,
       string_agg(DISTINCT p.beneficiary_name, '; ' ORDER BY p.beneficiary_name) AS names
FROM paid p
JOIN flagged f USING (kind, identifier, name_key)
GROUP BY p.kind, p.identifier
ORDER BY p.kind, p.identifier
