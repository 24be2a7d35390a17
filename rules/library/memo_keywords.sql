/* ---
id: memo_keywords
version: 1
title: Payment memos that speak of ransom, release or captivity
severity: medium
description: >
  Relatives sometimes write what the money is for: ransom, release, the
  name of a detention town, in English, Tigrinya, Amharic, Arabic, Italian
  or Dutch. The rule reads every memo as words (case, accents, Arabic hamza
  and ta marbuta forms folded) and looks them up in the word list, a CSV
  file with a weight per word. A payment whose words weigh at least
  min_weight counts; payments to one beneficiary within the window make one
  alert. Words are matched whole, so "release" does not match "released"
  unless the list has both. Payers rarely write such words and some words
  have innocent senses, hence medium severity.
indicators: [ANALYST-PRACTICE, FATF-2022-MS]
params:
  min_weight: {default: 2, doc: 'weight of a memo''s words (sum of distinct words) from which a payment counts'}
  window_days: {default: 30, doc: days over which one beneficiary's payments make one alert}
tables:
  memo_words: memo_keywords.csv
explain: >
  {n_txn} payments to {beneficiary_name} ({subject_key}) between {window_start} and {window_end}
  (USD {total_usd}) have memos with the words {words} ({languages}).
--- */
WITH words AS (
    SELECT DISTINCT
           lower(strip_accents(translate(trim(word), 'أإآٱةى', 'ااااهي'))) AS word,
           language,
           CAST(weight AS INTEGER) AS weight
    FROM memo_words
    WHERE trim(coalesce(word, '')) <> ''
),
lookup AS (
    SELECT *, string_split(word, ' ')[1] AS first_token FROM words
),
memos AS (
    SELECT txn_id, occurred_at, amount_usd, beneficiary_name, memo,
           coalesce(beneficiary_phone, beneficiary_account, beneficiary_name_key) AS beneficiary,
           ' ' || array_to_string(regexp_extract_all(lower(strip_accents(translate(memo, 'أإآٱةى', 'ااااهي'))),
                                                     '[\p{L}\p{M}\p{N}]+'), ' ') || ' ' AS text
    FROM transactions
    WHERE memo IS NOT NULL AND memo <> ''
      AND coalesce(beneficiary_phone, beneficiary_account, beneficiary_name_key) IS NOT NULL
),
hits AS (
    SELECT DISTINCT m.txn_id, l.word, l.language, l.weight
    FROM memos m, unnest(string_split(trim(m.text), ' ')) AS t(token)
    JOIN lookup l ON l.first_token = t.token
    WHERE contains(m.text, ' ' || l.word || ' ')
),
flagged AS (
    SELECT m.*, h.weight_sum, h.words, h.languages
    FROM memos m
    JOIN (SELECT txn_id, sum(weight) AS weight_sum,
                 string_agg(word, ', ' ORDER BY word) AS words,
                 string_agg(DISTINCT language, ', ' ORDER BY language) AS languages
          FROM hits GROUP BY txn_id) h USING (txn_id)
    WHERE h.weight_sum >= $min_weight
),
firsts AS (
    SELECT beneficiary, window_start
    FROM (
        SELECT beneficiary, occurred_at AS window_start,
               lag(occurred_at) OVER (PARTITION BY beneficiary ORDER BY occurred_at) AS previous_start
        FROM (SELECT DISTINCT beneficiary, occurred_at FROM flagged) d
    ) w
    WHERE previous_start IS NULL
       OR previous_start <= window_start - $window_days * INTERVAL '1' DAY
)
SELECT 'beneficiary' AS subject_type,
       f.beneficiary AS subject_key,
       f.window_start,
       max(p.occurred_at) AS window_end,
       least(100, 40 + 10 * max(p.weight_sum) + 5 * count(*)) AS score,
       sum(p.amount_usd) AS total_usd,
       list(p.txn_id ORDER BY p.occurred_at, p.txn_id) AS txn_ids,
       array_to_string(list_sort(list_distinct(flatten(list(string_split(p.words, ', '))))), ', ') AS words,
       array_to_string(list_sort(list_distinct(flatten(list(string_split(p.languages, ', '))))), ', ') AS languages,
       coalesce(min(p.beneficiary_name), f.beneficiary) AS beneficiary_name
FROM firsts f
JOIN flagged p
  ON p.beneficiary = f.beneficiary
 AND p.occurred_at >= f.window_start
 AND p.occurred_at < f.window_start + $window_days * INTERVAL '1' DAY
GROUP BY f.beneficiary, f.window_start
ORDER BY f.beneficiary, f.window_start
