package eu.federa.portability;

import eu.federa.cloud.registry.CopyFailure;
import eu.federa.cloud.registry.DiskExports;
import eu.federa.cloud.registry.DiskTransfer;
import eu.federa.cloud.registry.ResumableCopy;
import eu.federa.platform.Incidents;
import eu.federa.platform.config.Setting;
import eu.federa.platform.security.LinkSigner;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.work.Ticker;
import eu.federa.provisioning.OrderPlacement;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.OrderView;
import eu.federa.tenancy.TenantDirectory;
import eu.federa.tenancy.TenantImports;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads imported bundles on any node, one claimed import at a time (SKIP LOCKED, leased, the lease
 * renewed as the work goes): the organisation first (one transaction), then each VM's disk copied
 * into Federa and checked against the bundle's SHA-256 (a copy cut midway resumes), then an order
 * per VM that placement places like any other, and last the orders watched until each VM runs or
 * fails. Each step starts from what the database says is done, so a restart or another node carries
 * on where the work stopped.
 */
@ApplicationScoped
public class ImportWorker {

  private static final Logger LOG = Logger.getLogger(ImportWorker.class.getName());

  /** Longer than one disk's copy progress takes to show; renewed as bytes come in. */
  static final Duration LEASE = Duration.ofMinutes(10);

  /** What the signed link to an imported disk is signed for. */
  static final String DISK_LINK = "import-disk";

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject ImportSteps steps;
  @Inject DiskExports http;
  @Inject LinkSigner signer;
  @Inject OrderPlacement placement;
  @Inject OrderQueries orders;
  @Inject TenantDirectory tenants;
  @Inject Clock clock;

  private final Ticker ticker = new Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 710)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(scheduler, Duration.ofSeconds(5), watch(), "Import worker", this::tick);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  private static Duration watch() {
    return Duration.ofMillis(Setting.WORKER_POLL_MILLIS.intValue());
  }

  /** Carries the next import due one step further; how many it handled. */
  public int tick() {
    return steps.claimNext(LEASE).map(this::run).orElse(0);
  }

  private int run(ImportSteps.Claim claim) {
    try {
      ImportSteps.Snapshot s = steps.load(claim);
      BundleImport.Step step = s.step();
      if (step == BundleImport.Step.ORGANISATION) {
        organisation(claim, s);
        s = steps.load(claim);
        step = BundleImport.Step.DISKS;
      }
      if (step == BundleImport.Step.DISKS) {
        disks(claim, s);
        steps.stepDone(claim, BundleImport.Step.ORDERS);
        step = BundleImport.Step.ORDERS;
      }
      if (step == BundleImport.Step.ORDERS) {
        orders(claim, s);
        steps.stepDone(claim, BundleImport.Step.WATCHING);
        step = BundleImport.Step.WATCHING;
      }
      if (step == BundleImport.Step.WATCHING) {
        if (watched(claim, s)) {
          deleteQuietly(ExportFiles.upload(s.fileName()));
          steps.done(claim);
        } else {
          steps.later(claim, watch());
        }
      }
    } catch (ImportSteps.LostClaim lost) {
      LOG.info(() -> lost.getMessage() + "; another node carries it on");
    } catch (BundleReader.Rejected bad) {
      steps.failed(claim, Reason.keyed(bad.key, bad.args));
    } catch (ConflictException refused) {
      steps.failed(claim, Reason.keyed(refused.messageKey(), refused.arguments()));
    } catch (InvalidInputException refused) {
      steps.failed(claim, Reason.of(refused.errors().get(0)));
    } catch (IOException | RuntimeException e) {
      // The failure's own message, a library's English, stays in the log under an incident id: the
      // reader is told in their language that an attempt failed, and the id to give support.
      String incident = Incidents.logged(LOG, "Import " + claim.id() + ": attempt failed", e);
      steps.attemptFailed(claim, portalError(incident), portalErrorGivenUp(incident));
    }
    return 1;
  }

  /** An attempt failed on the portal's own error and is tried again. */
  static Reason portalError(String incident) {
    return Reason.keyed("import.reason.portalError", incident);
  }

  /** The last attempt failed on the portal's own error: the import is given up. */
  static Reason portalErrorGivenUp(String incident) {
    return Reason.keyed("import.reason.portalErrorGivenUp", incident, BundleImport.MAX_ATTEMPTS);
  }

  /** The organisation, its projects, rules and people, as the bundle has them. */
  private void organisation(ImportSteps.Claim claim, ImportSteps.Snapshot s)
      throws IOException, BundleReader.Rejected {
    try (BundleReader bundle = BundleReader.open(ExportFiles.upload(s.fileName()), false)) {
      JsonObject org =
          bundle.items("organisation.json").stream()
              .findFirst()
              .orElseThrow(() -> new BundleReader.Rejected("import.error.file", "organisation"));
      Map<Long, String> projectNames = new HashMap<>();
      List<TenantImports.ProjectItem> projects = new ArrayList<>();
      for (JsonObject p : bundle.items("projects.json")) {
        projectNames.put(BundleReader.number(p, "id"), BundleReader.string(p, "name"));
        projects.add(
            new TenantImports.ProjectItem(
                BundleReader.string(p, "name"), BundleReader.string(p, "description")));
      }
      List<TenantImports.MemberItem> members = new ArrayList<>();
      for (JsonObject m : bundle.items("members.json")) {
        members.add(
            new TenantImports.MemberItem(
                BundleReader.string(m, "subject"),
                BundleReader.string(m, "email"),
                BundleReader.string(m, "role"),
                strings(m, "projects"),
                strings(m, "adminOf")));
      }
      List<TenantImports.RuleItem> rules = new ArrayList<>();
      for (JsonObject r : bundle.items("membership-rules.json")) {
        rules.add(
            new TenantImports.RuleItem(
                BundleReader.string(r, "kind"),
                BundleReader.string(r, "matchValue"),
                strings(r, "trustedProviders"),
                BundleReader.string(r, "role")));
      }
      Instant now = clock.instant();
      List<TenantImports.InvitationItem> open = new ArrayList<>();
      for (JsonObject i : bundle.items("invitations.json")) {
        String expires = BundleReader.string(i, "expiresAt");
        if ("PENDING".equals(BundleReader.string(i, "status"))
            && expires != null
            && Instant.parse(expires).isAfter(now)) {
          open.add(
              new TenantImports.InvitationItem(
                  BundleReader.string(i, "email"),
                  BundleReader.string(i, "role"),
                  strings(i, "projects")));
        }
      }
      steps.organisation(
          claim,
          new TenantImports.Organisation(
              s.name(),
              s.countryCode(),
              s.vatId(),
              BundleReader.string(org, "billingEmail"),
              strings(org, "residencyCountries"),
              org.getBoolean("platformMovesAcross", false),
              blackoutWindows(org)),
          projects,
          members,
          rules,
          open,
          LEASE);
    }
  }

  /**
   * The organisation's blackout windows as its bundle has them (one that is not an object passes as
   * an empty window, so that TenantImports leaves it out and counts it with the others it refuses).
   */
  private static List<eu.federa.tenancy.TenancyExport.BlackoutItem> blackoutWindows(
      JsonObject org) {
    List<eu.federa.tenancy.TenancyExport.BlackoutItem> windows = new ArrayList<>();
    if (org.get("blackoutWindows") instanceof jakarta.json.JsonArray array) {
      for (jakarta.json.JsonValue value : array) {
        windows.add(
            value instanceof JsonObject w
                ? new eu.federa.tenancy.TenancyExport.BlackoutItem(
                    strings(w, "days"),
                    BundleReader.string(w, "from"),
                    BundleReader.string(w, "to"))
                : new eu.federa.tenancy.TenancyExport.BlackoutItem(List.of(), null, null));
      }
    }
    return windows;
  }

  /** Each waiting VM's disk, copied here and checked; a VM whose disk cannot be had fails. */
  private void disks(ImportSteps.Claim claim, ImportSteps.Snapshot s)
      throws IOException, BundleReader.Rejected {
    List<BundleImportVm> waiting = steps.vms(claim, BundleImportVm.State.WAITING);
    if (waiting.isEmpty()) {
      return;
    }
    try (BundleReader bundle = BundleReader.open(ExportFiles.upload(s.fileName()), false)) {
      for (BundleImportVm vm : waiting) {
        Path part = ExportFiles.stagedPart(vm.getId());
        long[] recorded = {-1};
        ResumableCopy.Progress progress =
            done -> {
              if (done != recorded[0]) {
                steps.copied(claim, vm.getId(), done, LEASE);
                recorded[0] = done;
              }
            };
        try {
          if (vm.getDiskPath() != null) {
            // In the bundle: copied afresh (it is on this disk already; nothing to resume).
            Files.deleteIfExists(part);
            ResumableCopy.into(
                part,
                from -> skipped(bundle.open(vm.getDiskPath()), from),
                progress,
                vm.getVmName());
          } else {
            ResumableCopy.into(
                part, from -> http.open(vm.getDiskUrl(), from), progress, vm.getVmName());
          }
        } catch (IOException unreachable) {
          steps.vmFailed(claim, vm.getId(), downloadFailed(vm.getVmName(), unreachable));
          continue;
        }
        String sha256 = DiskTransfer.sums(part)[1];
        if (vm.getDiskSha256() != null && !vm.getDiskSha256().equalsIgnoreCase(sha256)) {
          Files.deleteIfExists(part);
          steps.vmFailed(
              claim, vm.getId(), Reason.keyed("import.reason.checksum", vm.getVmName(), sha256));
          continue;
        }
        Files.move(part, ExportFiles.staged(vm.getId()), StandardCopyOption.REPLACE_EXISTING);
        steps.staged(claim, vm.getId());
      }
    }
  }

  /**
   * Why a VM's disk could not be had, wholly in the bundles' words (a reader of any language gets
   * it in theirs): the times the transfer was cut, the status its server answered, or that it could
   * not be reached. The underlying message, a library's English, goes to the log.
   */
  static Reason downloadFailed(String vmName, IOException failure) {
    LOG.warning(() -> "import: the disk of " + vmName + " failed: " + failure.getMessage());
    CopyFailure why = CopyFailure.of(failure);
    return switch (why.kind()) {
      case ANSWERED -> Reason.keyed("import.reason.answered", vmName, why.number());
      case CUT -> Reason.keyed("import.reason.cut", vmName, why.number());
      case MISMATCH, UNREACHABLE -> Reason.keyed("import.reason.download", vmName);
    };
  }

  private static InputStream skipped(InputStream in, long from) throws IOException {
    in.skipNBytes(from);
    return in;
  }

  /** An order for each VM whose disk is here: placed like any order, or the VM fails saying why. */
  private void orders(ImportSteps.Claim claim, ImportSteps.Snapshot s) {
    for (BundleImportVm vm : steps.vms(claim, BundleImportVm.State.STAGED)) {
      steps.renew(claim, LEASE);
      Long projectId =
          vm.getProjectName() == null
              ? null
              : tenants.projectNamed(s.tenantId(), vm.getProjectName()).orElse(null);
      try {
        long orderId =
            placement.placeImported(
                s.tenantId(),
                new OrderPlacement.ImportedVm(
                    "import-" + s.id() + "-" + vm.getId(),
                    vm.getVmName(),
                    projectId,
                    vm.getImageCode(),
                    vm.getSizeCode(),
                    vm.isPublicAddress(),
                    diskUrl(s.linkBase(), vm.getId()),
                    s.importedBy()));
        steps.ordered(claim, vm.getId(), orderId);
      } catch (ConflictException refused) {
        // No room, quota, budget: said in the user's words.
        steps.vmFailed(claim, vm.getId(), Reason.keyed(refused.messageKey(), refused.arguments()));
        deleteQuietly(ExportFiles.staged(vm.getId()));
      } catch (InvalidInputException refused) {
        steps.vmFailed(claim, vm.getId(), Reason.of(refused.errors().get(0)));
        deleteQuietly(ExportFiles.staged(vm.getId()));
      }
    }
  }

  /**
   * Looks at each VM's order: running, or failed (with the order's reason); its disk copy here goes
   * once the provider has no more use for it. Answers whether every VM is over.
   */
  private boolean watched(ImportSteps.Claim claim, ImportSteps.Snapshot s) {
    boolean over = true;
    for (BundleImportVm vm : steps.vms(claim, BundleImportVm.State.ORDERED)) {
      OrderView order = orders.bySystem(s.tenantId(), vm.getOrderId()).orElse(null);
      if (order == null) {
        steps.vmFailed(claim, vm.getId(), Reason.keyed("import.reason.orderGone"));
        deleteQuietly(ExportFiles.staged(vm.getId()));
      } else if (order.runningSince() != null && order.endedAt() == null) {
        steps.running(claim, vm.getId(), order.providerName());
        deleteQuietly(ExportFiles.staged(vm.getId()));
      } else if (order.endedAt() != null
          || order.state() == OrderState.FAILED
          || order.state() == OrderState.TERMINATED
          || order.state() == OrderState.VANISHED) {
        Reason why = order.reason();
        steps.vmFailed(
            claim, vm.getId(), why == null ? Reason.keyed("import.reason.orderFailed") : why);
        deleteQuietly(ExportFiles.staged(vm.getId()));
      } else {
        steps.at(claim, vm.getId(), order.providerName());
        over = false;
      }
    }
    return over;
  }

  /** The signed link the provider downloads an imported disk from, without signing in. */
  String diskUrl(String linkBase, long importVmId) {
    return linkBase.replaceAll("/+$", "")
        + "/disks/imports/"
        + importVmId
        + "?s="
        + signer.sign(DISK_LINK, Long.toString(importVmId));
  }

  private static List<String> strings(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY) {
      return List.of();
    }
    List<String> all = new ArrayList<>();
    for (JsonValue item : v.asJsonArray()) {
      if (item instanceof JsonString text) {
        all.add(text.getString());
      }
    }
    return all;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.INFO, "Could not delete " + file, e);
    }
  }
}
