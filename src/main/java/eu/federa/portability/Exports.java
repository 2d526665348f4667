package eu.federa.portability;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.LinkSigner;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.tenancy.Membership;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's export bundles (Data Act Art. 25(2)(e)): its admins ask for one (made in the
 * background by the {@link ExportWorker}, one at a time), follow its progress, and download it
 * while it is kept. Another tenant's bundle is not found.
 */
@ApplicationScoped
public class Exports {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject ExportSteps steps;
  @Inject LinkSigner signer;
  @Inject eu.federa.tenancy.TenantDirectory tenants;

  /** A ready bundle to send: its file, size and checksum, and the name to save it under. */
  public record Download(Path file, long sizeBytes, String sha256, String fileName) {}

  /**
   * Asks for a bundle of everything the organisation holds (tenant admins).
   *
   * @throws ConflictException while another of its bundles is being made
   */
  @Transactional
  public ExportView request(long tenantId) {
    return request(tenantId, null);
  }

  /**
   * Asks for a bundle of one project ({@code projectId}: its admins and the tenant admins), or of
   * the whole organisation (null: tenant admins). One bundle of the organisation at a time.
   *
   * @throws NotFoundException for a project that is not the tenant's
   * @throws ConflictException while another of its bundles is being made
   */
  @Transactional
  public ExportView request(long tenantId, Long projectId) {
    Membership admin = mayExport(tenantId, projectId);
    if (inProgress(tenantId)) {
      throw new ConflictException("export.error.running");
    }
    DataExport e = new DataExport(tenantId, projectId, admin.getUserSubject(), clock.instant());
    try {
      em.persist(e);
      em.flush();
    } catch (PersistenceException concurrent) {
      // Another admin's request got in first: one bundle at a time (uk_export_active).
      throw new ConflictException("export.error.running");
    }
    audit.success(
        AuditAction.EXPORT_REQUESTED,
        tenantId,
        AuditTarget.Kind.EXPORT.of(e.getId()),
        projectId == null
            ? AuditDetail.EXPORT_EVERYTHING.text()
            : AuditDetail.EXPORT_PROJECT.text(projectId));
    return ExportView.of(e);
  }

  /**
   * Who may ask for and download a bundle of the project (null: the organisation's): the tenant
   * admins, and for a project its admins.
   */
  private Membership mayExport(long tenantId, Long projectId) {
    if (projectId == null) {
      return access.requireEvenWhenSuspended(tenantId, TenantPermission.MANAGE_TEAM);
    }
    access.require(tenantId, TenantPermission.VIEW);
    if (!tenants.isProjectOf(projectId, tenantId)) {
      throw new NotFoundException("project", projectId);
    }
    return access.requireProjectAdmin(tenantId, projectId);
  }

  /**
   * The projects whose bundles the caller may see: every one (null) for a tenant admin, those they
   * are an admin of for a project admin.
   *
   * @throws eu.federa.platform.security.AccessDeniedException for anyone else
   */
  private java.util.Set<Long> visibleProjects(long tenantId) {
    Membership m = access.require(tenantId, TenantPermission.VIEW);
    if (m.getRole().allows(TenantPermission.MANAGE_TEAM)) {
      return null;
    }
    java.util.Set<Long> mine = access.administeredProjects(tenantId);
    if (mine.isEmpty()) {
      throw new eu.federa.platform.security.AccessDeniedException(
          m.getRole() + " may not see the exports of tenant " + tenantId);
    }
    return mine;
  }

  /**
   * The organisation's latest 50 bundles, newest first: all of them for tenant admins, those of
   * their projects for project admins.
   */
  @Transactional
  public List<ExportView> list(long tenantId) {
    return page(tenantId, 0, 50).rows();
  }

  /**
   * One page of the bundles the caller may see ({@link #list}'s), read in the database, with how
   * many there are. Only the caller's projects are asked for: a project admin's are never crowded
   * out by the others'.
   */
  @Transactional
  public ResultPage<ExportView> page(long tenantId, int first, int max) {
    java.util.Set<Long> projects = visibleProjects(tenantId);
    String where = " where e.tenantId = :t" + (projects == null ? "" : " and e.projectId in :p");
    var count = em.createQuery("select count(e) from DataExport e" + where, Long.class);
    var rows =
        em.createQuery(
            "select e from DataExport e" + where + " order by e.id desc", DataExport.class);
    count.setParameter("t", tenantId);
    rows.setParameter("t", tenantId);
    if (projects != null) {
      count.setParameter("p", projects);
      rows.setParameter("p", projects);
    }
    return ResultPage.read(count, rows, first, max, ExportView::of);
  }

  /** Whether a bundle the caller may see is being written (the exports page's poll). */
  @Transactional
  public boolean anyInProgress(long tenantId) {
    java.util.Set<Long> projects = visibleProjects(tenantId);
    var query =
        em.createQuery(
            "select e.id from DataExport e where e.tenantId = :t and e.state in :moving"
                + (projects == null ? "" : " and e.projectId in :p"),
            Long.class);
    query
        .setParameter("t", tenantId)
        .setParameter(
            "moving",
            java.util.Arrays.stream(ExportState.values()).filter(ExportState::inProgress).toList());
    if (projects != null) {
      query.setParameter("p", projects);
    }
    return !query.setMaxResults(1).getResultList().isEmpty();
  }

  /** One bundle of the organisation (tenant admins; a project's, its admins). */
  @Transactional
  public ExportView export(long tenantId, long exportId) {
    return ExportView.of(visible(tenantId, exportId));
  }

  /** A bundle the caller may see; another project's is refused, another tenant's not found. */
  private DataExport visible(long tenantId, long exportId) {
    java.util.Set<Long> projects = visibleProjects(tenantId);
    DataExport e = find(tenantId, exportId);
    if (projects != null && !projects.contains(e.getProjectId())) {
      throw new eu.federa.platform.security.AccessDeniedException(
          "export " + exportId + " is of no project the caller administers");
    }
    return e;
  }

  /**
   * A ready bundle, to download (tenant admins); every download is audited, with the part asked.
   *
   * @throws ConflictException when it is not ready (being made, failed or expired)
   */
  @Transactional
  public Download download(long tenantId, long exportId, String range) {
    DataExport e = visible(tenantId, exportId);
    e.requireReady();
    Path file = ExportFiles.bundle(e.getId());
    if (!Files.isRegularFile(file)) {
      throw new NotFoundException("export", exportId);
    }
    audit.success(
        AuditAction.EXPORT_DOWNLOADED,
        tenantId,
        AuditTarget.Kind.EXPORT.of(exportId),
        range == null ? AuditDetail.WHOLE_BUNDLE.text() : AuditDetail.BYTES.text(range));
    return new Download(
        file, e.getSizeBytes(), e.getSha256(), ExportFiles.downloadName(tenantId, exportId));
  }

  /**
   * An exit's final bundle, asked for by the system and kept at least until {@code keepUntil};
   * empty while another bundle of the tenant is being made (asked again later).
   */
  @Transactional
  public Optional<Long> requestFinal(long tenantId, Instant keepUntil) {
    if (inProgress(tenantId)) {
      return Optional.empty();
    }
    DataExport e = DataExport.finalOfExit(tenantId, clock.instant(), keepUntil);
    em.persist(e);
    em.flush();
    audit.bySystem(
        AuditAction.EXPORT_REQUESTED,
        tenantId,
        AuditTarget.Kind.EXPORT.of(e.getId()),
        AuditDetail.EXPORT_FINAL.text());
    return Optional.of(e.getId());
  }

  /** Where a bundle is, for the exit that asked for it. */
  @Transactional
  public ExportState stateOf(long exportId) {
    DataExport e = em.find(DataExport.class, exportId);
    return e == null ? ExportState.EXPIRED : e.getState();
  }

  /**
   * A copied disk of a kept bundle, by its signed link (no sign-in: the link is the right to it,
   * and works as long as the bundle is kept); every download audited.
   *
   * @throws NotFoundException when the link is not one Federa signed, or the disk or its bundle is
   *     gone
   */
  public Download diskByLink(long exportId, long diskId, String signature) {
    if (signature == null
        || !signer.verify(ExportWorker.DISK_LINK, exportId + ":" + diskId, signature)) {
      throw new NotFoundException("disk", diskId);
    }
    ExportDisk d =
        steps
            .downloadableDisk(exportId, diskId)
            .orElseThrow(() -> new NotFoundException("disk", diskId));
    Path file = ExportFiles.disk(exportId, diskId);
    if (!Files.isRegularFile(file)) {
      throw new NotFoundException("disk", diskId);
    }
    String name = d.fileName();
    return new Download(file, d.sizeBytes, d.sha256, name.substring(name.lastIndexOf('/') + 1));
  }

  private boolean inProgress(long tenantId) {
    return em.createQuery(
                "select count(e) from DataExport e where e.tenantId = :t and e.state in :busy",
                Long.class)
            .setParameter("t", tenantId)
            .setParameter("busy", List.of(ExportState.QUEUED, ExportState.RUNNING))
            .getSingleResult()
        > 0;
  }

  private DataExport find(long tenantId, long exportId) {
    DataExport e = em.find(DataExport.class, exportId);
    if (e == null || e.getTenantId() != tenantId) {
      throw new NotFoundException("export", exportId);
    }
    return e;
  }
}
