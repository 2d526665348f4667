-- Issue #23: a public address only when the order asks for one and the provider offers one,
-- priced per hour in the provider's price list.

-- The provider's network that public addresses are leased from (its name at the provider); NULL:
-- the provider offers none.
ALTER TABLE provider
  ADD COLUMN public_network VARCHAR(128) NULL COMMENT 'OpenNebula network of public addresses; NULL: none offered';

-- EUR per address and hour, held while the VM exists (running or powered off); NULL: not priced,
-- so the provider's addresses cannot be ordered.
ALTER TABLE price_list
  ADD COLUMN eur_per_public_ip_hour DECIMAL(12, 6) NULL;

-- How many public addresses a metered resource held during the interval.
ALTER TABLE usage_interval
  ADD COLUMN public_ips INT NOT NULL DEFAULT 0;

ALTER TABLE vm_order
  ADD COLUMN public_address BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the order asked for a public address',
  ADD COLUMN public_ip VARCHAR(45) NULL COMMENT 'the address the provider leased';
