-- Why a transaction is left out of sums (NULL: it counts): a later copy of
-- a row another file already holds, or a transfer whose status says the
-- money may not have moved. The row stays, with its flag, for the
-- analyst; rules, party totals and reports count it once or not at all.
-- Rows loaded before this column existed take the reason from their flags.
ALTER TABLE transactions ADD COLUMN not_counted VARCHAR;

UPDATE transactions
SET not_counted = list_filter(flags, f -> f LIKE 'also in % row % (same reference, amount, time and parties)'
                                       OR f LIKE 'status %: the money may not have moved')[1]
WHERE flags IS NOT NULL;
