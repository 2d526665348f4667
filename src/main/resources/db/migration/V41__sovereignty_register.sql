-- Issue #15 (Data Act Art. 28): each provider's register, structured: the operator's legal seat,
-- the countries of its data centres, and its measures against unlawful third-country access (the
-- operator's legal entity, jurisdiction and certifications were there already).
ALTER TABLE provider
  ADD COLUMN legal_seat_country  CHAR(2)      NULL COMMENT 'the operator''s legal seat (ISO 3166)',
  ADD COLUMN datacentre_countries VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'semicolon-separated ISO 3166 codes',
  ADD COLUMN access_measures     VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'semicolon-separated AccessMeasure names';
UPDATE provider SET legal_seat_country = country_code, datacentre_countries = country_code;
