-- New rates replace those of the same currency and day; amounts already
-- loaded are converted again with the rate of the nearest earlier day.
DELETE FROM fx_rates
WHERE (currency, day) IN (SELECT currency, day FROM fx_load);

INSERT INTO fx_rates SELECT currency, day, CAST(usd_per_unit AS DECIMAL(18, 8)), source FROM fx_load;

DROP TABLE fx_load;

UPDATE transactions
SET amount_usd = c.amount_usd, amount_eur = c.amount_eur
FROM (
    SELECT t.txn_id,
           usd_of(t.amount, t.currency, fx.usd_per_unit) AS amount_usd,
           eur_of(t.amount, t.currency, fx.usd_per_unit, eur.usd_per_unit) AS amount_eur
    FROM transactions t
    ASOF LEFT JOIN fx_rates fx ON fx.currency = t.currency AND t.occurred_at >= fx.day
    ASOF LEFT JOIN (SELECT day, usd_per_unit FROM fx_rates WHERE currency = 'EUR') eur ON t.occurred_at >= eur.day
) c
WHERE transactions.txn_id = c.txn_id
  AND (transactions.amount_usd IS DISTINCT FROM c.amount_usd OR transactions.amount_eur IS DISTINCT FROM c.amount_eur);
