-- What the orderer chose about where an order runs (certifications, edge or core, the users' site
-- and latency budget, providers, strategy), as JSON; applied again whenever it is placed again.
ALTER TABLE vm_order ADD COLUMN placement_choices TEXT NULL;
