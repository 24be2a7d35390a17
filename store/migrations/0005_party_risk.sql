-- A party's risk, 0-100, from its alerts and its distance to an HVT, with
-- one reason a line (see the README's "Party risk").
ALTER TABLE parties ADD COLUMN risk INTEGER;
ALTER TABLE parties ADD COLUMN risk_reasons VARCHAR;
