package eu.federa.provisioning;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An ordered AI service; its VMs are orders of their own ({@link VmOrder#getServiceId()}). */
@Entity
@Table(name = "ai_service")
public class AiService {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false)
  private long tenantId;

  /** The project it is for; null: the organisation's own. */
  @Column(name = "project_id")
  private Long projectId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private AiKind kind;

  @Column(nullable = false)
  private String name;

  @Column(name = "model_code")
  private String modelCode;

  @Column(name = "size_code", nullable = false)
  private String sizeCode;

  @Column(nullable = false)
  private int replicas;

  @Column(name = "dataset_url")
  private String datasetUrl;

  @Column(name = "duration_limit_minutes")
  private Integer durationLimitMinutes;

  @Column(name = "requested_by", nullable = false)
  private String requestedBy;

  @Column(name = "idempotency_key", nullable = false)
  private String idempotencyKey;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected AiService() {}

  AiService(long tenantId, AiServiceForm form, String requestedBy, Instant now) {
    this.tenantId = tenantId;
    this.projectId = form.projectId();
    this.kind = form.kind();
    this.name = form.name();
    this.modelCode = form.kind().needsModel() ? form.modelCode() : null;
    this.sizeCode = form.sizeCode();
    this.replicas = form.kind() == AiKind.INFERENCE ? form.replicas() : 1;
    this.datasetUrl = form.kind() == AiKind.TRAINING ? form.datasetUrl() : null;
    this.durationLimitMinutes = form.kind() == AiKind.TRAINING ? form.durationLimitMinutes() : null;
    this.requestedBy = requestedBy;
    this.idempotencyKey = form.idempotencyKey();
    this.createdAt = now;
  }

  public Long getId() {
    return id;
  }

  public long getTenantId() {
    return tenantId;
  }

  public AiKind getKind() {
    return kind;
  }

  public String getName() {
    return name;
  }

  public String getModelCode() {
    return modelCode;
  }

  public String getSizeCode() {
    return sizeCode;
  }

  public int getReplicas() {
    return replicas;
  }

  public String getDatasetUrl() {
    return datasetUrl;
  }

  public Integer getDurationLimitMinutes() {
    return durationLimitMinutes;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Long getProjectId() {
    return projectId;
  }
}
