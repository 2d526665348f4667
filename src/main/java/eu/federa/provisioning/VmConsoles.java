package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.platform.config.Setting;
import eu.federa.platform.security.CurrentUser;
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
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A VM's console, where its provider exposes one (the provider's console page, named on its form),
 * and a notebook's JupyterLab ({@code FEDERA_AI_NOTEBOOK_URL}): each opened through a link Federa
 * signs for one person, one VM and one of the two, valid for two minutes, and checked again when it
 * is used. Only the members of the VM's project who may order (and the tenant admins) get one, and
 * only while the VM runs; the provider's console signs the person in itself.
 */
@ApplicationScoped
public class VmConsoles {

  /** How long a console link may be used after it was made. */
  public static final Duration VALID = Duration.ofMinutes(2);

  /** What a link opens; a link signed for one does not open the other. */
  public enum Target {
    CONSOLE("console"),
    NOTEBOOK("notebook");

    private final String purpose;

    Target(String purpose) {
      this.purpose = purpose;
    }

    /** The last segment of its link's path. */
    public String path() {
      return purpose;
    }
  }

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject ProviderDirectory providers;
  @Inject LinkSigner signer;
  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /**
   * Whether the caller can open the VM's console now, or why not.
   *
   * @param reasonKey a message key under {@code console.}, null when it can be opened
   */
  public record Availability(boolean open, String reasonKey) implements Serializable {}

  @Transactional
  public Availability availability(long tenantId, long orderId) {
    return availability(tenantId, orderId, Target.CONSOLE);
  }

  @Transactional
  public Availability availability(long tenantId, long orderId, Target target) {
    Membership member = access.require(tenantId, TenantPermission.VIEW);
    return check(member, order(tenantId, orderId), target);
  }

  /**
   * A link to the VM's console for the caller, relative to the portal's root, valid for {@link
   * #VALID}.
   *
   * @throws ConflictException with the reason when the caller cannot open it now
   */
  @Transactional
  public String link(long tenantId, long orderId) {
    return link(tenantId, orderId, Target.CONSOLE);
  }

  @Transactional
  public String link(long tenantId, long orderId, Target target) {
    Membership member = access.require(tenantId, TenantPermission.VIEW);
    Availability now = check(member, order(tenantId, orderId), target);
    if (!now.open()) {
      throw new ConflictException(now.reasonKey());
    }
    long expires = clock.instant().plus(VALID).getEpochSecond();
    return "api/v1/tenants/"
        + tenantId
        + "/orders/"
        + orderId
        + "/"
        + target.path()
        + "?expires="
        + expires
        + "&signature="
        + signer.sign(target.purpose, message(tenantId, orderId, expires));
  }

  /**
   * The provider's console page for a link the caller opens: signed for this caller and VM, not
   * expired, and the caller still allowed.
   *
   * @throws NotFoundException when the VM is not the tenant's
   * @throws ConflictException ({@code console.expired}, {@code console.badLink} or why the caller
   *     cannot open it) otherwise
   */
  @Transactional
  public URI open(long tenantId, long orderId, long expires, String signature) {
    return open(tenantId, orderId, Target.CONSOLE, expires, signature);
  }

  @Transactional
  public URI open(long tenantId, long orderId, Target target, long expires, String signature) {
    Membership member = access.require(tenantId, TenantPermission.VIEW);
    VmOrder order = order(tenantId, orderId);
    if (!signer.verify(target.purpose, message(tenantId, orderId, expires), signature)) {
      throw new ConflictException("console.badLink");
    }
    Instant now = clock.instant();
    if (now.getEpochSecond() > expires) {
      throw new ConflictException("console.expired");
    }
    Availability allowed = check(member, order, target);
    if (!allowed.open()) {
      throw new ConflictException(allowed.reasonKey());
    }
    audit.success(
        AuditAction.CONSOLE_OPENED,
        tenantId,
        AuditTarget.Kind.ORDER.of(orderId),
        AuditDetail.CONSOLE.text(target.path(), order.getName(), order.getProviderName()));
    if (target == Target.NOTEBOOK) {
      return URI.create(notebookUrl(order).orElseThrow());
    }
    String page = providers.consoleUrl(order.getProviderId()).orElseThrow();
    return URI.create(page.replace("{vmId}", Integer.toString(order.getOneVmId())));
  }

  private java.util.Optional<String> notebookUrl(VmOrder order) {
    String template = Setting.AI_NOTEBOOK_URL.value();
    return order.getIpAddress() == null
        ? java.util.Optional.empty()
        : ProviderDirectory.applianceUrl(
            template,
            template.contains("{front-end}")
                ? providers.frontEnd(order.getProviderId()).orElse(null)
                : null,
            order.getIpAddress());
  }

  private Availability check(Membership member, VmOrder order, Target target) {
    if (target == Target.NOTEBOOK) {
      AiService service =
          order.getServiceId() == null ? null : em.find(AiService.class, order.getServiceId());
      if (service == null || service.getKind() != AiKind.NOTEBOOK) {
        return new Availability(false, "console.notNotebook");
      }
    } else {
      Optional<String> page =
          order.getProviderId() == null
              ? Optional.empty()
              : providers.consoleUrl(order.getProviderId());
      if (page.isEmpty()) {
        return new Availability(false, "console.none");
      }
    }
    if (!member.getRole().allows(TenantPermission.ORDER) || !member.worksIn(order.getProjectId())) {
      return new Availability(false, "console.notMember");
    }
    if (order.getState() != OrderState.RUNNING || order.getOneVmId() == null) {
      return new Availability(false, "console.notRunning");
    }
    return new Availability(true, null);
  }

  /** What a link binds: the person, the tenant, the VM and the end of its validity. */
  private String message(long tenantId, long orderId, long expires) {
    return signedText(caller.user().map(u -> u.subject()).orElse(""), tenantId, orderId, expires);
  }

  static String signedText(String subject, long tenantId, long orderId, long expires) {
    return subject + "\n" + tenantId + "\n" + orderId + "\n" + expires;
  }

  static final String SIGNED_FOR = Target.CONSOLE.purpose;

  private VmOrder order(long tenantId, long orderId) {
    VmOrder order = em.find(VmOrder.class, orderId);
    if (order == null || order.getTenantId() != tenantId) {
      throw new NotFoundException("order", orderId);
    }
    return order;
  }
}
