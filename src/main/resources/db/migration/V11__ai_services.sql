-- AI services: open-weight models a platform admin curates, and services built from GPU
-- appliance VMs (an inference endpoint's replicas, a notebook, a training job). Each VM of a
-- service is an ordinary vm_order row, deployed by the same saga.
ALTER TABLE catalog_image
  ADD COLUMN purpose VARCHAR(20) NOT NULL DEFAULT 'VM' COMMENT 'VM, INFERENCE, NOTEBOOK or TRAINING';

ALTER TABLE catalog_size
  ADD COLUMN gpu_memory_gib INT NOT NULL DEFAULT 0 COMMENT 'memory of one GPU';

UPDATE catalog_size SET gpu_memory_gib = 80 WHERE code = 'gpu-h100';
UPDATE catalog_size SET gpu_memory_gib = 48 WHERE code = 'gpu-l40s';

INSERT INTO catalog_size (code, name, position, vcpu, memory_mib, disk_gib, gpus, gpu_class, gpu_model, gpu_memory_gib) VALUES
  ('gpu-2xh100', 'GPU 2 × H100 (32 vCPU, 256 GiB, 2 H100)', 6, 32, 262144, 400, 2, '0302', 'H100', 80),
  ('gpu-a100',   'GPU A100 (16 vCPU, 128 GiB, 1 A100)',     7, 16, 131072, 200, 1, '0302', 'A100', 80);

INSERT INTO catalog_image (code, os_name, os_version, architecture, position, purpose) VALUES
  ('vllm-appliance',  'vLLM inference appliance', '0.6', 'x86_64', 10, 'INFERENCE'),
  ('jupyterlab',      'JupyterLab notebook',      '4.2', 'x86_64', 11, 'NOTEBOOK'),
  ('training-runner', 'Fine-tuning runner',       '1.0', 'x86_64', 12, 'TRAINING');

CREATE TABLE catalog_model (
  code               VARCHAR(60)   NOT NULL,
  name               VARCHAR(120)  NOT NULL,
  parameters_billion DECIMAL(6,1)  NOT NULL,
  licence            VARCHAR(100)  NOT NULL,
  min_gpu_memory_gib INT           NOT NULL COMMENT 'to serve it (weights in 16 bits plus cache)',
  context_length     INT           NOT NULL COMMENT 'tokens',
  position           INT           NOT NULL,
  PRIMARY KEY (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO catalog_model (code, name, parameters_billion, licence, min_gpu_memory_gib, context_length, position) VALUES
  ('mistral-7b-instruct',   'Mistral 7B Instruct v0.3',  7.3, 'Apache-2.0',                24,  32768, 1),
  ('llama-3.1-8b-instruct', 'Llama 3.1 8B Instruct',     8.0, 'Llama 3.1 Community',       24, 131072, 2),
  ('mixtral-8x7b-instruct', 'Mixtral 8x7B Instruct',    46.7, 'Apache-2.0',                96,  32768, 3),
  ('qwen2.5-72b-instruct',  'Qwen2.5 72B Instruct',     72.7, 'Qwen licence',             160, 131072, 4);

CREATE TABLE ai_service (
  id                     BIGINT        NOT NULL AUTO_INCREMENT,
  tenant_id              BIGINT        NOT NULL,
  kind                   VARCHAR(20)   NOT NULL COMMENT 'INFERENCE, NOTEBOOK or TRAINING',
  name                   VARCHAR(63)   NOT NULL,
  model_code             VARCHAR(60)   NULL,
  size_code              VARCHAR(40)   NOT NULL,
  replicas               INT           NOT NULL,
  dataset_url            VARCHAR(500)  NULL,
  duration_limit_minutes INT           NULL,
  requested_by           VARCHAR(255)  NOT NULL,
  idempotency_key        VARCHAR(64)   NOT NULL,
  created_at             DATETIME(6)   NOT NULL COMMENT 'UTC',
  PRIMARY KEY (id),
  CONSTRAINT uk_ai_idempotency UNIQUE (tenant_id, idempotency_key),
  INDEX ix_ai_tenant (tenant_id, created_at),
  CONSTRAINT fk_ai_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE,
  CONSTRAINT fk_ai_model FOREIGN KEY (model_code) REFERENCES catalog_model (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE vm_order
  ADD COLUMN service_id BIGINT NULL COMMENT 'the AI service this VM serves, if any',
  ADD COLUMN replica_no INT NULL,
  ADD COLUMN run_limit_minutes INT NULL COMMENT 'a training job ends itself this long after it runs',
  ADD COLUMN stop_at DATETIME(6) NULL COMMENT 'UTC; when the run limit is reached',
  ADD CONSTRAINT fk_order_service FOREIGN KEY (service_id) REFERENCES ai_service (id) ON DELETE SET NULL,
  ADD INDEX ix_order_service (service_id);
