-- What ingest noticed about a row (an invalid phone, an unknown country)
-- and about a file (its format, dialect, date order decisions).
ALTER TABLE transactions ADD COLUMN flags VARCHAR[];
ALTER TABLE sources ADD COLUMN format VARCHAR;
ALTER TABLE sources ADD COLUMN notes VARCHAR[];

-- One definition of the conversion, shared by loading and by reloading rates.
CREATE MACRO usd_of(amount, currency, usd_per_unit) AS
    CAST(CASE WHEN currency = 'USD' THEN amount ELSE amount * usd_per_unit END AS DECIMAL(18, 2));
CREATE MACRO eur_of(amount, currency, usd_per_unit, eur_usd_per_unit) AS
    CAST(CASE WHEN currency = 'EUR' THEN amount
              WHEN currency = 'USD' THEN amount / eur_usd_per_unit
              ELSE amount * usd_per_unit / eur_usd_per_unit END AS DECIMAL(18, 2));
