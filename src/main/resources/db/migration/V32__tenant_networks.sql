-- Issue #23: each tenant's own network at each provider, and one firewall for all of them.

-- The tenant's firewall as Federa keeps it: inbound rules (everything outbound is allowed). The
-- group's row guards its rules (count, overlaps) and numbers each change, so that each provider's
-- copy can tell whether it is behind.
CREATE TABLE security_group (
  tenant_id   BIGINT       NOT NULL,
  revision    BIGINT       NOT NULL COMMENT 'raised by every change of the rules; 0: not given its first rules yet',
  updated_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (tenant_id),
  CONSTRAINT fk_security_group_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE security_rule (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  tenant_id    BIGINT        NOT NULL,
  protocol     VARCHAR(8)    NOT NULL COMMENT 'TCP, UDP, ICMP or ALL',
  port_from    INT           NULL COMMENT 'TCP and UDP only; NULL: every port',
  port_to      INT           NULL,
  source_cidr  VARCHAR(43)   CHARACTER SET ascii NOT NULL COMMENT 'e.g. 0.0.0.0/0, 192.0.2.0/24',
  added_by     VARCHAR(255)  NOT NULL COMMENT 'subject of the admin who added it, or system',
  created_at   DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  KEY ix_security_rule_tenant (tenant_id),
  CONSTRAINT fk_security_rule_group FOREIGN KEY (tenant_id) REFERENCES security_group (tenant_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The tenant's security group at a provider (created by the tenant's agent user, so it is the
-- tenant's), and which revision of the rules it holds.
CREATE TABLE provider_tenant_secgroup (
  provider_id       BIGINT        NOT NULL,
  tenant_id         BIGINT        NOT NULL,
  name              VARCHAR(100)  NOT NULL,
  one_secgroup_id   INT           NULL COMMENT 'NULL until created at the provider',
  wanted_revision   BIGINT        NOT NULL,
  applied_revision  BIGINT        NOT NULL DEFAULT 0,
  applied_at        DATETIME(6)   NULL,
  next_try_at       DATETIME(6)   NOT NULL,
  sync_claim        CHAR(36)      NULL COMMENT 'the claim of the node applying the rules',
  sync_lease_until  DATETIME(6)   NULL COMMENT 'that node holds the claim until then',
  last_error        VARCHAR(500)  NULL,
  created_at        DATETIME(6)   NOT NULL,
  PRIMARY KEY (provider_id, tenant_id),
  KEY ix_provider_tenant_secgroup_due (next_try_at),
  CONSTRAINT fk_pts_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE,
  CONSTRAINT fk_pts_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The tenant's reservation of one of the provider's networks (one.vn.reserve): its VMs share it,
-- no other tenant's VM is ever on it.
CREATE TABLE provider_tenant_network (
  provider_id     BIGINT        NOT NULL,
  tenant_id       BIGINT        NOT NULL,
  parent_vnet_id  INT           NOT NULL COMMENT 'the provider''s network the addresses come from',
  name            VARCHAR(100)  NOT NULL,
  one_vnet_id     INT           NULL COMMENT 'the reservation; NULL until made',
  created_at      DATETIME(6)   NOT NULL,
  PRIMARY KEY (provider_id, tenant_id, parent_vnet_id),
  CONSTRAINT fk_ptn_provider FOREIGN KEY (provider_id) REFERENCES provider (id) ON DELETE CASCADE,
  CONSTRAINT fk_ptn_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
