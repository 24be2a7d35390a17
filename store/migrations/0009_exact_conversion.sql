-- Conversions exact to the cent, rounded half away from zero as a DECIMAL
-- cast rounds. Before, an amount worth ten million or more overflowed the
-- product of DECIMAL(18, 3) and DECIMAL(18, 8), so its whole file failed to
-- load; and eur_of divided in floating point, which rounds some half cents
-- the wrong way (USD 50.12 at 1.6 dollars a euro is EUR 31.325, stored as
-- 31.32: one amount in twenty-five at that rate).
-- Wide (HUGEINT) arithmetic costs seconds a million rows, so it is kept for
-- the rows that need it: products of ten million or more, and quotients
-- within a thousandth of a cent of a half cent.

CREATE OR REPLACE MACRO usd_of(amount, currency, usd_per_unit) AS
    CASE WHEN currency = 'USD' THEN CAST(amount AS DECIMAL(18, 2))
         WHEN abs(CAST(amount AS DOUBLE) * CAST(usd_per_unit AS DOUBLE)) < 9e6
             THEN CAST(amount * usd_per_unit AS DECIMAL(18, 2))
         ELSE CAST(CAST(amount AS DECIMAL(38, 3)) * usd_per_unit AS DECIMAL(18, 2)) END;

-- amount * rate / per to the cent: by doubles when their error (under
-- 1e-5 of a cent below 1e10 cents) cannot change the rounding, else in
-- integers (amount in thousandths, rates in 1e-8, cents = n / d).
CREATE MACRO fx_cents_approx(amount, rate, per) AS
    CAST(amount AS DOUBLE) * CAST(rate AS DOUBLE) / CAST(per AS DOUBLE) * 100;
CREATE MACRO fx_round_div(n, d) AS
    CAST(CAST(sign(n) * ((2 * abs(n) + d) // (2 * d)) AS DECIMAL(38, 0)) * 0.01 AS DECIMAL(18, 2));
CREATE MACRO fx_divide(amount, rate, per) AS
    CASE WHEN per IS NULL OR rate IS NULL THEN NULL
         WHEN abs(fx_cents_approx(amount, rate, per)) < 1e10
              AND abs(abs(fx_cents_approx(amount, rate, per)) % 1 - 0.5) > 1e-3
             THEN CAST(round(fx_cents_approx(amount, rate, per)) / 100 AS DECIMAL(18, 2))
         ELSE fx_round_div(CAST(CAST(amount AS DECIMAL(38, 3)) * 1000 AS HUGEINT)
                               * CAST(CAST(rate AS DECIMAL(38, 8)) * 100000000 AS HUGEINT),
                           CAST(CAST(per AS DECIMAL(38, 8)) * 100000000 AS HUGEINT) * 10) END;

CREATE OR REPLACE MACRO eur_of(amount, currency, usd_per_unit, eur_usd_per_unit) AS
    CASE WHEN currency = 'EUR' THEN CAST(amount AS DECIMAL(18, 2))
         ELSE fx_divide(amount, CASE WHEN currency = 'USD' THEN 1 ELSE usd_per_unit END, eur_usd_per_unit) END;
