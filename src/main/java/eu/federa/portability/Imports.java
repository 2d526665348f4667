package eu.federa.portability;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.LinkSigner;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.TenantImports;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loading a tenant's export bundle into this Federa (platform admins): the upload is streamed to
 * disk and checked at once (format, every file's size and SHA-256, the organisation's VAT id free
 * here), so a bad bundle is refused with the reason and leaves nothing; a good one becomes an
 * import that {@link ImportWorker} carries out in the background, its progress on the imports page.
 */
@ApplicationScoped
public class Imports {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject TenantImports tenants;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject LinkSigner signer;
  @Inject Imports self;

  /** The states of an exported VM that has a VM at its provider to recreate. */
  private static final Set<String> LIVE =
      Set.of(
          "RUNNING",
          "STOPPED",
          "STOPPING",
          "STARTING",
          "REBOOTING",
          "RESIZING",
          "MIGRATING",
          "DEPLOYING");

  /**
   * Checks and records a bundle for import.
   *
   * @param name the organisation's name here; blank: the bundle's
   * @param vatId its VAT id here; blank: the bundle's (an organisation may come back under its own
   *     VAT id once it has left; a test on the same deployment gives another)
   * @param linkBase the portal's address, for the invitations' and the disks' links
   * @throws InvalidInputException for a file that is not a complete, unaltered bundle, or a bad VAT
   *     id; nothing is kept
   * @throws eu.federa.platform.validation.ConflictException when an open organisation here has the
   *     VAT id
   */
  public long upload(InputStream body, String name, String vatId, String linkBase)
      throws IOException {
    caller.requirePlatformAdmin();
    String fileName = ExportFiles.uploadName();
    Path file = ExportFiles.upload(fileName);
    boolean kept = false;
    try {
      MessageDigest sha = BundleZip.sha256();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
        body.transferTo(out);
      }
      String digest = HexFormat.of().formatHex(sha.digest());
      try (BundleReader checked = BundleReader.open(file)) {
        // complete and unaltered: its contents are read in the transaction that records them
      } catch (BundleReader.Rejected bad) {
        throw new InvalidInputException(FieldError.of("bundle", bad.key, bad.args));
      }
      long id = self.record(fileName, digest, name, vatId, linkBase);
      kept = true;
      return id;
    } finally {
      if (!kept) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * The import and its VMs, written in one transaction (public for it to apply) from the checked
   * bundle; a refused bundle writes nothing.
   */
  @Transactional
  public long record(String fileName, String digest, String name, String vatId, String linkBase) {
    // Only unchecked exceptions leave: each rolls the transaction back.
    try (BundleReader bundle = BundleReader.open(ExportFiles.upload(fileName), false)) {
      return record(bundle, fileName, digest, name, vatId, linkBase);
    } catch (BundleReader.Rejected bad) {
      throw new InvalidInputException(FieldError.of("bundle", bad.key, bad.args));
    } catch (IOException unreadable) {
      throw new java.io.UncheckedIOException(unreadable);
    }
  }

  private long record(
      BundleReader bundle,
      String fileName,
      String digest,
      String name,
      String vatId,
      String linkBase)
      throws IOException, BundleReader.Rejected {
    JsonObject org =
        bundle.items("organisation.json").stream()
            .findFirst()
            .orElseThrow(
                () -> new BundleReader.Rejected("import.error.missing", "organisation.json"));
    String country = BundleReader.string(org, "countryCode");
    String finalName = blank(name) ? BundleReader.string(org, "name") : name.trim();
    String finalVat = blank(vatId) ? BundleReader.string(org, "vatId") : vatId.trim();
    if (blank(finalName) || finalName.length() > 200) {
      throw new InvalidInputException(FieldError.of("name", "import.error.name"));
    }
    if (blank(country) || blank(finalVat)) {
      throw new BundleReader.Rejected("import.error.file", "organisation.json");
    }
    tenants.requireFree(country, finalVat);
    String issuer = bundle.manifest().issuer();
    // Its people's subjects mean the same people here only if this deployment made the bundle:
    // its issuer says so, and only this deployment's signature proves it (a manifest is text).
    boolean sameIssuer =
        issuer != null
            && issuer.equals(ExportWorker.issuer())
            && signer.verify(
                ExportWorker.MANIFEST_SIGNATURE,
                bundle.manifest().signedContent(),
                bundle.manifest().signature());
    Instant now = clock.instant();
    BundleImport i =
        new BundleImport(
            fileName,
            digest,
            bundle.manifest(),
            sameIssuer,
            finalName,
            country,
            finalVat,
            caller.user().map(u -> u.subject()).orElse("?"),
            linkBase,
            now);
    em.persist(i);
    em.flush();
    Map<Long, String> projects = new HashMap<>();
    for (JsonObject p : bundle.items("projects.json")) {
      projects.put(BundleReader.number(p, "id"), BundleReader.string(p, "name"));
    }
    Map<Long, JsonObject> disks = new HashMap<>();
    for (JsonObject d : bundle.items("disks.json")) {
      long orderId = BundleReader.number(d, "orderId");
      JsonObject earlier = disks.get(orderId);
      boolean done = "DONE".equals(BundleReader.string(d, "state"));
      if (done
          && (earlier == null
              || BundleReader.number(d, "diskId") < BundleReader.number(earlier, "diskId"))) {
        disks.put(orderId, d); // the boot disk: its first
      }
    }
    // The VMs of AI services: an AI service is ordered again from the catalog (its model and
    // replicas), not rebuilt from its replicas' disks.
    Set<Long> replicas = new java.util.HashSet<>();
    for (JsonObject service : bundle.items("ai-services.json")) {
      jakarta.json.JsonValue vms = service.get("vms");
      if (vms != null && vms.getValueType() == jakarta.json.JsonValue.ValueType.ARRAY) {
        for (jakarta.json.JsonValue v : vms.asJsonArray()) {
          if (v instanceof JsonObject replica) {
            replicas.add(BundleReader.number(replica, "id"));
          }
        }
      }
    }
    int count = 0;
    for (JsonObject vm : bundle.items("vms.json")) {
      if (!LIVE.contains(BundleReader.string(vm, "state"))) {
        continue; // ended before the bundle was made: nothing to recreate
      }
      long orderId = BundleReader.number(vm, "id");
      JsonObject d = disks.get(orderId);
      BundleImportVm.Disk disk = null;
      String skipped = null;
      if (replicas.contains(orderId)) {
        skipped = eu.federa.platform.text.Reason.keyed("import.reason.aiService").encoded();
      } else if (d == null) {
        skipped = eu.federa.platform.text.Reason.keyed("import.reason.noDisk").encoded();
      } else {
        String path = BundleReader.string(d, "path");
        if (path != null && !bundle.has(path)) {
          throw new BundleReader.Rejected("import.error.missing", path);
        }
        disk =
            new BundleImportVm.Disk(
                path,
                path == null ? BundleReader.string(d, "url") : null,
                BundleReader.string(d, "sha256"),
                BundleReader.number(d, "sizeBytes") < 0
                    ? null
                    : BundleReader.number(d, "sizeBytes"));
        if (disk.path() == null && (disk.url() == null || !disk.url().startsWith("http"))) {
          skipped = eu.federa.platform.text.Reason.keyed("import.reason.noDisk").encoded();
          disk = null;
        }
      }
      long projectId = BundleReader.number(vm, "projectId");
      em.persist(
          new BundleImportVm(
              i.getId(),
              orderId,
              String.valueOf(BundleReader.string(vm, "name")),
              projectId < 0 ? null : projects.get(projectId),
              String.valueOf(BundleReader.string(vm, "imageCode")),
              String.valueOf(BundleReader.string(vm, "sizeCode")),
              vm.getBoolean("publicAddress", false),
              disk,
              skipped,
              now));
      count++;
    }
    audit.success(
        AuditAction.IMPORT_STARTED,
        null,
        AuditTarget.Kind.IMPORT.of(i.getId()),
        issuer == null
            ? AuditDetail.IMPORT_STARTED_UNKNOWN.text(
                finalName, finalVat, bundle.manifest().tenantId(), count, digest)
            : AuditDetail.IMPORT_STARTED.text(
                finalName, finalVat, bundle.manifest().tenantId(), issuer, count, digest));
    return i.getId();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * Imports {@code first} to {@code first + max}, newest first, each with its VMs, and how many
   * there are (platform admins): three statements whatever the page's size.
   */
  @Transactional
  public ResultPage<ImportView> page(int first, int max) {
    caller.requirePlatformAdmin();
    ResultPage<BundleImport> page =
        ResultPage.read(
            em.createQuery("select count(i) from BundleImport i", Long.class),
            em.createQuery("select i from BundleImport i order by i.id desc", BundleImport.class),
            first,
            max,
            i -> i);
    Map<Long, List<BundleImportVm>> vms =
        page.rows().isEmpty()
            ? Map.of()
            : em.createQuery(
                    "select v from BundleImportVm v where v.importId in :ids order by v.id",
                    BundleImportVm.class)
                .setParameter("ids", page.rows().stream().map(BundleImport::getId).toList())
                .getResultStream()
                .collect(Collectors.groupingBy(BundleImportVm::getImportId));
    return new ResultPage<>(
        page.rows().stream()
            .map(i -> ImportView.of(i, vms.getOrDefault(i.getId(), List.of())))
            .toList(),
        page.total());
  }

  /** Whether an import is still on its way (platform admins), for the imports page's poll. */
  @Transactional
  public boolean anyInProgress() {
    caller.requirePlatformAdmin();
    return !em.createQuery("select i.id from BundleImport i where i.state in :moving", Long.class)
        .setParameter("moving", List.of(BundleImport.State.QUEUED, BundleImport.State.RUNNING))
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /**
   * One import with its VMs (platform admins).
   *
   * @throws NotFoundException when there is none
   */
  @Transactional
  public ImportView get(long importId) {
    caller.requirePlatformAdmin();
    BundleImport i = em.find(BundleImport.class, importId);
    if (i == null) {
      throw new NotFoundException("import", importId);
    }
    return ImportView.of(i, vmsOf(importId));
  }

  private List<BundleImportVm> vmsOf(long importId) {
    return em.createQuery(
            "select v from BundleImportVm v where v.importId = :i order by v.id",
            BundleImportVm.class)
        .setParameter("i", importId)
        .getResultList();
  }

  /**
   * An imported VM's disk at its signed link, for the provider that recreates the VM; a link Federa
   * did not sign, or of a disk no longer kept, is not found.
   */
  @Transactional
  public Exports.Download diskByLink(long importVmId, String signature) {
    if (signature == null
        || !signer.verify(ImportWorker.DISK_LINK, Long.toString(importVmId), signature)) {
      throw new NotFoundException("disk", importVmId);
    }
    BundleImportVm vm = em.find(BundleImportVm.class, importVmId);
    Path file = ExportFiles.staged(importVmId);
    if (vm == null || !Files.isRegularFile(file)) {
      throw new NotFoundException("disk", importVmId);
    }
    try {
      return new Exports.Download(
          file, Files.size(file), vm.getDiskSha256(), "import-vm-" + importVmId + ".qcow2");
    } catch (IOException gone) {
      throw new NotFoundException("disk", importVmId);
    }
  }
}
