-- Energy and CO2e of workloads (issue #20).
-- Each country's grid carbon intensity: a yearly average, updatable by platform admins. Seeded with
-- the European Environment Agency's CO2 emission intensity of electricity generation for 2020
-- (g CO2/kWh; EEA data set "CO2 emission intensity of electricity generation", re-use permitted
-- with acknowledgement). 'EU' is the EU-27 average, used for a country without its own value.
CREATE TABLE grid_intensity (
  country_code    VARCHAR(2)    NOT NULL PRIMARY KEY,
  g_co2e_per_kwh  DECIMAL(6,1)  NOT NULL,
  year            SMALLINT      NOT NULL,
  source          VARCHAR(300)  NOT NULL,
  updated_at      DATETIME(6)   NOT NULL,
  updated_by      VARCHAR(200)  NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO grid_intensity (country_code, g_co2e_per_kwh, year, source, updated_at) VALUES
  ('EU', 226, 2020, 'EEA, CO2 emission intensity of electricity generation (EU-27 average)', UTC_TIMESTAMP(6)),
  ('AT',  83, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('BE', 192, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('BG', 352, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('HR', 164, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('CY', 653, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('CZ', 386, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('DK', 116, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('EE', 669, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('FI',  67, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('FR',  55, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('DE', 301, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('GR', 522, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('HU', 218, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('IE', 293, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('IT', 212, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('LV',  92, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('LT', 146, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('LU',  69, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('MT', 356, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('NL', 318, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('PL', 724, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('PT', 201, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('RO', 208, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('SK',  90, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('SI', 219, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('ES', 190, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6)),
  ('SE',  13, 2020, 'EEA, CO2 emission intensity of electricity generation', UTC_TIMESTAMP(6));

-- Each provider's power usage effectiveness and its hosts' power model (null: Federa's defaults
-- by hardware class, see energy.PowerDefaults).
ALTER TABLE provider
  ADD COLUMN pue DECIMAL(4,2) NULL,
  ADD COLUMN host_idle_watts INT NULL,
  ADD COLUMN host_full_watts INT NULL;
