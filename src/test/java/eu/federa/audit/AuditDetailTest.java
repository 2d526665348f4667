package eu.federa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.i18n.Formats;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * An audit entry's detail that is a word of the portal (a state, a role, "frozen") reads in the
 * reader's language; a record (a changed record's fields, a provider's error) stays as it was
 * written.
 */
class AuditDetailTest {

  private static final String BUNDLE = "eu.federa.platform.i18n.messages";

  private enum Role {
    TENANT_ADMIN,
    MEMBER
  }

  private enum State {
    STOPPING
  }

  private enum AiKindLike {
    INFERENCE,
    NOTEBOOK
  }

  private enum Protocol {
    TCP,
    ALL
  }

  private static String read(AuditAction action, String kept, Locale language) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language);
    return AuditDetail.read(action, kept)
        .map(p -> Formats.of(language, null).message(bundle.getString(p.key()), p.arguments()))
        .orElse(kept);
  }

  @Test
  void aWordOfThePortalReadsInTheReadersLanguage() {
    assertThat(AuditDetail.ORDER_STATE.text(State.STOPPING)).isEqualTo("STOPPING");
    assertThat(read(AuditAction.ORDER_ACTION, "STOPPING", Locale.GERMAN))
        .as("the state's word, not its name")
        .isNotEqualTo("STOPPING")
        .isEqualTo(
            ResourceBundle.getBundle(BUNDLE, Locale.GERMAN).getString("order.state.STOPPING"));
    String changed = AuditDetail.ROLE_CHANGED.text(Role.MEMBER, Role.TENANT_ADMIN);
    assertThat(changed).isEqualTo("MEMBER \u2192 TENANT_ADMIN");
    assertThat(read(AuditAction.ROLE_CHANGED, changed, Locale.FRENCH))
        .isEqualTo("Membre \u2192 Administrateur");
    assertThat(read(AuditAction.PROJECT_MEMBERS_CHANGED, "member 12345 added", Locale.GERMAN))
        .as("an id as it is, not grouped like a count")
        .isEqualTo("Mitglied 12345 hinzugef\u00fcgt");
    assertThat(
            read(
                AuditAction.EXIT_PHASE,
                AuditDetail.TRANSITION_ENDED.text("2026-12-31"),
                Locale.forLanguageTag("pl")))
        .isEqualTo("okres przej\u015bciowy zako\u0144czony; pobieranie do 31 gru 2026");
    assertThat(
            read(
                AuditAction.BUDGET_ALERT,
                AuditDetail.BUDGET_ALERT.text(75, "1234.50"),
                Locale.GERMAN))
        .isEqualTo("75 %: 1.234,50\u00a0\u20ac");
    assertThat(read(AuditAction.EXIT_ORDERS_FROZEN, "frozen", Locale.ITALIAN))
        .isEqualTo("ordini bloccati");
    assertThat(read(AuditAction.ORDER_ACTION, "STOPPING", Locale.ENGLISH)).isEqualTo("Stopping");
    assertThat(
            read(
                AuditAction.ORDER_PLACED,
                AuditDetail.PLACED_AWAITING.text("m.small debian-12", "Lutece Cloud"),
                Locale.forLanguageTag("hr")))
        .isEqualTo("m.small debian-12 kod Lutece Cloud, \u010deka odobrenje");
    assertThat(
            read(
                AuditAction.EXPORT_READY,
                AuditDetail.EXPORT_READY.text(12, 1_288_490_189L, "ab12"),
                Locale.GERMAN))
        .as("a size in the reader's units")
        .isEqualTo(
            "12 Dateien, "
                + Formats.of(Locale.GERMAN, null).bytes(1_288_490_189L)
                + ", SHA-256 ab12")
        .contains("1.228,8");
    assertThat(
            read(
                AuditAction.ORDER_POLICY_CHANGED,
                AuditDetail.THRESHOLD.text("250.00"),
                Locale.forLanguageTag("pt")))
        .isEqualTo(
            Formats.of(Locale.forLanguageTag("pt"), null).money(new java.math.BigDecimal("250.00"))
                + " por m\u00eas")
        .contains("250,00");
    assertThat(read(AuditAction.BUDGET_CHANGED, "BLOCK", Locale.forLanguageTag("nl")))
        .as("the portal's words for what a spent budget does")
        .isEqualTo(
            ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag("nl"))
                .getString("budget.action.BLOCK"));
    // A VM's names and addresses as they are, the portal's words around them in the reader's.
    String running =
        AuditDetail.RUNNING_AT_PUBLIC.text("Lutece Cloud", 4711, "10.0.0.5", "198.51.100.7");
    assertThat(running).isEqualTo("Lutece Cloud, VM 4711, 10.0.0.5, public 198.51.100.7");
    assertThat(read(AuditAction.ORDER_RUNNING, running, Locale.FRENCH))
        .isEqualTo("Lutece Cloud, VM 4711, 10.0.0.5, publique 198.51.100.7");
    assertThat(
            read(
                AuditAction.SNAPSHOT_TAKEN,
                AuditDetail.OF_VOLUME_ON_VM.text("before-upgrade", "data", "web-1"),
                Locale.GERMAN))
        .isEqualTo("before-upgrade von Volume data an VM web-1");
  }

  @Test
  void aSuspensionsReasonReadsAsTheAdminTypedIt() {
    String kept = AuditDetail.SUSPENDED_POWERED_OFF.text("Rechnung offen; bitte zahlen");
    assertThat(kept)
        .isEqualTo(
            "state: ACTIVE \u2192 SUSPENDED; running VMs powered off; reason: Rechnung offen;"
                + " bitte zahlen");
    assertThat(read(AuditAction.TENANT_SUSPENDED, kept, Locale.FRENCH))
        .isEqualTo(
            "suspendue, VM en marche \u00e9teintes\u00a0; motif\u00a0: Rechnung offen; bitte zahlen");
    assertThat(
            read(
                AuditAction.TENANT_RESUMED,
                AuditDetail.RESUMED.text("unpaid invoice"),
                Locale.forLanguageTag("hr")))
        .isEqualTo("ponovno aktivna; bila je suspendirana zbog: unpaid invoice");
  }

  @Test
  void keysRulesAndWindowsReadInTheReadersWords() {
    String blackout =
        AuditDetail.BLACKOUT.text(
            List.of(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY), "22:00", "06:00");
    assertThat(blackout).isEqualTo("[SATURDAY, SUNDAY] 22:00-06:00 UTC");
    assertThat(read(AuditAction.TENANT_BLACKOUT_ADDED, blackout, Locale.GERMAN))
        .isEqualTo("Samstag, Sonntag, 22:00\u201306:00 UTC");
    String firewall = AuditDetail.FIREWALL.text(Protocol.ALL, "10.0.0.0/8");
    assertThat(firewall).isEqualTo("ALL from 10.0.0.0/8");
    assertThat(read(AuditAction.FIREWALL_RULE_ADDED, firewall, Locale.FRENCH))
        .isEqualTo(
            ResourceBundle.getBundle(BUNDLE, Locale.FRENCH).getString("firewall.protocol.ALL")
                + " depuis 10.0.0.0/8");
    String account =
        AuditDetail.SERVICE_ACCOUNT_CREATED.text(
            "deploy bot",
            "fsa_cd34",
            Role.MEMBER,
            List.of("Data lake", "Web"),
            java.time.Instant.parse("2027-03-01T00:00:00Z"));
    assertThat(account)
        .isEqualTo(
            "deploy bot fsa_cd34 MEMBER projects [Data lake, Web] until 2027-03-01T00:00:00Z");
    assertThat(read(AuditAction.SERVICE_ACCOUNT_CREATED, account, Locale.GERMAN))
        .startsWith("deploy bot fsa_cd34, Mitglied, Projekte [Data lake, Web], bis ")
        .contains("2027");
    assertThat(
            read(
                AuditAction.AI_PROJECT_LIMITS_SET,
                AuditDetail.AI_LIMITS.text("Web", "no", 20000),
                Locale.forLanguageTag("pl")))
        .isEqualTo("Web: \u017c\u0105dania na minut\u0119 bez limitu, tokeny na minut\u0119 20000");
    assertThat(
            read(
                AuditAction.AI_KEY_CREATED,
                AuditDetail.KEY_CREATED_PROJECT_ALL.text("ci key", "fk_ab12", 7),
                Locale.ITALIAN))
        .isEqualTo("ci key fk_ab12, progetto 7, tutti gli endpoint");
    assertThat(
            read(
                AuditAction.SERVICE_ACCOUNT_REFUSED,
                AuditDetail.SERVICE_ACCOUNT_REFUSED.text("deploy bot", "expired"),
                Locale.forLanguageTag("nl")))
        .isEqualTo("deploy bot: verlopen");
    assertThat(
            read(
                AuditAction.MEMBERSHIP_RULE_DELETED,
                AuditDetail.RULE_REMOVED.text(Role.TENANT_ADMIN, "partner"),
                Locale.forLanguageTag("es")))
        .startsWith("eliminada: rol ")
        .endsWith("; de confianza: partner");
    assertThat(
            read(
                AuditAction.IMPORT_FINISHED,
                AuditDetail.IMPORTED_VMS.text("3 RUNNING, 1 SKIPPED"),
                Locale.GERMAN))
        .isEqualTo(
            "fertig; VMs: 3 "
                + ResourceBundle.getBundle(BUNDLE, Locale.GERMAN)
                    .getString("import.vmState.RUNNING")
                + ", 1 "
                + ResourceBundle.getBundle(BUNDLE, Locale.GERMAN)
                    .getString("import.vmState.SKIPPED"));
    assertThat(
            read(
                AuditAction.INVITATION_REFUSED,
                AuditDetail.INVITATION_REFUSED.text("invitation.error.revoked"),
                Locale.ENGLISH))
        .as("the message the invitee was shown, its apostrophe written once")
        .isEqualTo("This invitation was revoked by the organisation's administrator.");
    for (eu.federa.billing.MeteringInvariants.Kind kind :
        eu.federa.billing.MeteringInvariants.Kind.values()) {
      assertThat(AuditDetail.read(AuditAction.METERING_REPAIRED, kind.name() + ", incident 4"))
          .as(kind.name())
          .isPresent();
    }
    EveryLanguage.hasEachOf(
        java.util.stream.Stream.concat(
                Arrays.stream(eu.federa.billing.MeteringInvariants.Kind.values())
                    .map(k -> "audit.value.metering." + k.name()),
                Arrays.stream(eu.federa.portability.BundleImportVm.State.values())
                    .map(s -> "import.vmState." + s.name()))
            .toList());
    assertThat(read(AuditAction.SSH_KEY_ADDED, "laptop", Locale.GERMAN))
        .as("a name as it is, but read: not marked as English")
        .isEqualTo("laptop");
    assertThat(AuditDetail.read(AuditAction.SSH_KEY_ADDED, "laptop")).isPresent();
  }

  @Test
  void thePlatformsEnergyAndRebalancingReadInTheReadersWords() {
    String energy =
        AuditDetail.PROVIDER_ENERGY.text(
            AuditDetail.energy(null, null, null),
            AuditDetail.energy(new java.math.BigDecimal("1.25"), 80, 350));
    assertThat(energy).isEqualTo("PUE default, host default -> PUE 1.25, host 80-350 W");
    assertThat(read(AuditAction.PROVIDER_ENERGY_CHANGED, energy, Locale.GERMAN))
        .isEqualTo("PUE Standard, Hosts Standard \u2192 PUE 1,25, Hosts 80\u2013350 W");
    assertThat(
            read(
                AuditAction.PROVIDER_ENERGY_CHANGED,
                AuditDetail.HOST_POWER.text(
                    AuditDetail.power(90, 400), AuditDetail.power(null, null)),
                Locale.FRENCH))
        .isEqualTo("90\u2013400 W \u2192 celui du fournisseur");
    String policy =
        AuditDetail.REBALANCING.text("review only", "automatic", 6, 2, "to other providers too");
    assertThat(policy)
        .isEqualTo(
            "review only -> automatic, at most 6 moves an hour, 2 per organisation, to other"
                + " providers too");
    assertThat(read(AuditAction.REBALANCE_POLICY_CHANGED, policy, Locale.FRENCH))
        .isEqualTo(
            "examen seulement \u2192 automatique, au plus 6 d\u00e9placements par heure, 2 par"
                + " organisation, aussi vers d\u2019autres fournisseurs");
    assertThat(
            read(
                AuditAction.GRID_INTENSITY_CHANGED,
                AuditDetail.GRID.text(new java.math.BigDecimal("312.5"), "298.25", 2026),
                Locale.GERMAN))
        .isEqualTo("312,5 g/kWh \u2192 298,25 g/kWh (2026)");
    assertThat(
            read(
                AuditAction.HOST_MOVE_STARTED,
                AuditDetail.HOST_MOVE_LIVE.text(12, "kvm-2", "kvm-1", "REVERSAL"),
                Locale.GERMAN))
        .startsWith("Umzug 12: auf Host kvm-2 von kvm-1, live (")
        .doesNotContain("REVERSAL");
    String exported =
        AuditDetail.TRAIL_EXPORTED.text(
            "JSON", new AuditFilter(null, null, "olivia", AuditAction.ORDER_PLACED, 4L).describe());
    assertThat(exported).isEqualTo("JSON: actor olivia, action ORDER_PLACED, tenant 4");
    assertThat(read(AuditAction.AUDIT_EXPORTED, exported, Locale.GERMAN))
        .isEqualTo(
            "JSON: Handelnde(r) olivia, Aktion \u201e"
                + ResourceBundle.getBundle(BUNDLE, Locale.GERMAN)
                    .getString("audit.action.ORDER_PLACED")
                + "\u201c, Organisation 4");
    String failed = eu.federa.platform.text.Reason.of("unreachable", "Lutece Cloud").english();
    assertThat(read(AuditAction.ORDER_FAILED, failed, Locale.FRENCH))
        .as("why an order failed, in the reader's language with its values as they were")
        .isEqualTo(
            eu.federa.platform.text.Reason.of("unreachable", "Lutece Cloud")
                .in(ResourceBundle.getBundle(BUNDLE, Locale.FRENCH)))
        .contains("Lutece Cloud")
        .isNotEqualTo(failed);
    assertThat(AuditDetail.read(AuditAction.ORDER_FAILED, "OpenNebula said: no")).isEmpty();
    String exportFailed =
        AuditDetail.FAILED.text(
            eu.federa.platform.text.Reason.keyed("export.reason.notWritten", "disk full")
                .english());
    assertThat(read(AuditAction.EXPORT_FAILED, exportFailed, Locale.GERMAN))
        .as("why an export was given up, in the reader's language")
        .isEqualTo("Das Paket konnte nicht geschrieben werden: disk full");
    assertThat(
            AuditDetail.read(
                AuditAction.ORDER_FAILED,
                eu.federa.platform.text.Reason.of("bootFailed", "Lutece", "ACTIVE/BOOT_FAILURE")
                    .english()))
        .as("a provider's state names: a diagnostic, kept as the English record")
        .isEmpty();
    String imported =
        AuditDetail.PLACED.text(AuditDetail.imported("m.small", "debian-12", "Olivia"), "Lutece");
    assertThat(imported).isEqualTo("m.small debian-12, imported by Olivia at Lutece");
    assertThat(read(AuditAction.ORDER_PLACED, imported, Locale.GERMAN))
        .isEqualTo("m.small debian-12, importiert von Olivia bei Lutece");
    String service =
        AuditDetail.PLACED_AWAITING.text(
            AuditDetail.service(AiKindLike.INFERENCE, "llama-3", 2, "g.large"), "Lutece");
    assertThat(service)
        .isEqualTo("INFERENCE llama-3 2 \u00d7 g.large at Lutece, awaiting approval");
    assertThat(read(AuditAction.ORDER_PLACED, service, Locale.FRENCH))
        .startsWith(
            ResourceBundle.getBundle(BUNDLE, Locale.FRENCH).getString("ai.kind.INFERENCE")
                + " llama-3, 2 \u00d7 g.large ");
    assertThat(
            read(
                AuditAction.ORDER_PLACED,
                AuditDetail.PLACED.text(
                    AuditDetail.service(AiKindLike.NOTEBOOK, null, 1, "g.small"), "Lutece"),
                Locale.GERMAN))
        .startsWith(
            ResourceBundle.getBundle(BUNDLE, Locale.GERMAN).getString("ai.kind.NOTEBOOK")
                + ", 1 \u00d7 g.small ");
    assertThat(
            read(
                AuditAction.ORDER_ACTION,
                AuditDetail.RESIZING_MOVING.text(4, 8192, "kvm-3"),
                Locale.forLanguageTag("pl")))
        .isEqualTo("zmiana rozmiaru na 4 vCPU, 8192 MiB, przeniesienie na kvm-3");
    assertThat(
            read(
                AuditAction.ORDER_ACTION,
                AuditDetail.FAILED.text(
                    eu.federa.platform.text.Reason.of("resizeRefused", "Lutece", "no room")
                        .english()),
                Locale.GERMAN))
        .as("a resize given up: why, in the reader's language")
        .isEqualTo(
            eu.federa.platform.text.Reason.of("resizeRefused", "Lutece", "no room")
                .in(ResourceBundle.getBundle(BUNDLE, Locale.GERMAN)));
    String broken =
        AuditDetail.CHAIN_BROKEN.text(
            2L, new ChainVerification.Problem(ChainVerification.Kind.EVENT_ALTERED, 40, 1234L));
    assertThat(broken)
        .isEqualTo("2 problems, first: Problem[kind=EVENT_ALTERED, seq=40, eventId=1234]");
    assertThat(read(AuditAction.AUDIT_CHAIN_CHECKED, broken, Locale.GERMAN))
        .as("the chain page's own words for the problem")
        .isEqualTo(
            "2 Probleme; das erste: "
                + Formats.of(Locale.GERMAN, null)
                    .message(
                        ResourceBundle.getBundle(BUNDLE, Locale.GERMAN)
                            .getString("audit.chain.problem.EVENT_ALTERED"),
                        "40",
                        "1234"));
    assertThat(read(AuditAction.AUDIT_EXPORTED, "CSV: everything", Locale.FRENCH))
        .isEqualTo("CSV\u00a0: tout");
    assertThat(AuditDetail.read(AuditAction.AUDIT_EXPORTED, "CSV: colour purple")).isEmpty();
  }

  @Test
  void aValueThatLooksLikeAPlaceholderIsKeptAsItIs() {
    String kept = AuditDetail.OF_VOLUME_ON_VM.text("snap {1}", "data {2}", "web");
    assertThat(kept).isEqualTo("snap {1} of volume data {2} on VM web");
    assertThat(read(AuditAction.SNAPSHOT_TAKEN, kept, Locale.GERMAN))
        .isEqualTo("snap {1} von Volume data {2} an VM web");
  }

  @Test
  void aRecordOrAnotherActionsDetailReadsAsItWasKept() {
    for (Object[] kept :
        List.of(
            new Object[] {AuditAction.ORDER_ACTION, "RESIZING to 4 vCPU, 8192 MiB, soon"},
            new Object[] {AuditAction.ORDER_ACTION, "refused: the provider said no"},
            new Object[] {AuditAction.ORDER_PLACED, "m.small debian-12, made by Olivia at Lutece"},
            new Object[] {AuditAction.ORDER_PLACED, "INFERENCE llama-3 2 x g.large at Lutece"},
            new Object[] {AuditAction.MEMBER_LEFT, "STOPPING"},
            new Object[] {AuditAction.EXIT_ORDERS_FROZEN, "frozen solid"},
            new Object[] {AuditAction.EXIT_EXTENDED, "to 2026-13-45"},
            new Object[] {AuditAction.CATALOG_OFFER_SET, "OpenNebula template: 4 -> 5"},
            new Object[] {AuditAction.TENANT_BLACKOUT_ADDED, "[FUNDAY] 22:00-06:00 UTC"},
            new Object[] {AuditAction.FIREWALL_RULE_ADDED, "SCTP from 10.0.0.0/8"},
            new Object[] {AuditAction.IMPORT_FINISHED, "the bundle is damaged; VMs: none"},
            new Object[] {AuditAction.HOST_MOVE_FAILED, "move 4: the host refused"})) {
      AuditAction action = (AuditAction) kept[0];
      assertThat(AuditDetail.read(action, (String) kept[1])).as("%s", kept[1]).isEmpty();
    }
    assertThat(AuditDetail.read(AuditAction.ORDER_ACTION, null)).isEmpty();
    assertThat(AuditDetail.read(null, "STOPPING")).isEmpty();
  }

  @Test
  void everyFormReadsBackAndHasItsWordsInEveryLanguage() {
    for (AuditDetail form : AuditDetail.values()) {
      Object[] sample =
          switch (form) {
            case ORDER_STATE, STOPPING_SUSPENDED, STOPPING_ONCE_RUNNING, STARTING_RESUMED ->
                new Object[] {State.STOPPING};
            case ROLE -> new Object[] {Role.MEMBER};
            case ROLE_CHANGED -> new Object[] {Role.MEMBER, Role.TENANT_ADMIN};
            case EXIT_EXTENDED, TRANSITION_ENDED -> new Object[] {"2026-12-31"};
            case EXIT_JUSTIFIED -> new Object[] {"2026-12-31", "moving our\nwhole estate"};
            case BUDGET_ALERT -> new Object[] {100, "10.00"};
            case APPROVED_AT -> new Object[] {"Lutece Cloud"};
            case PLACED, PLACED_AWAITING -> new Object[] {"m.small debian-12", "Lutece, Zagreb"};
            case KEY_KEPT -> new Object[] {"ci", "fk_ab12", "Theo"};
            case REVOKED_LEFT_TEAM -> new Object[] {"deploy bot", "fsa_cd34"};
            case THRESHOLD -> new Object[] {"100.00"};
            case BUDGET_ACTION -> new Object[] {"BLOCK"};
            case KEY_CREATED -> new Object[] {"ci key", "fk_ab12", List.of(3L, 4L)};
            case KEY_CREATED_PROJECT -> new Object[] {"ci key", "fk_ab12", 7, List.of(3L)};
            case SERVICE_ACCOUNT_CREATED ->
                new Object[] {
                  "deploy bot",
                  "fsa_cd34",
                  Role.MEMBER,
                  List.of("Web", "Data lake"),
                  java.time.Instant.parse("2027-03-01T00:00:00Z")
                };
            case SERVICE_ACCOUNT_REFUSED -> new Object[] {"deploy bot", "expired"};
            case AI_LIMITS -> new Object[] {"Web", 60, "no"};
            case FIREWALL_PORTS -> new Object[] {Protocol.TCP, "8000\u20138100", "10.0.0.0/8"};
            case FIREWALL -> new Object[] {Protocol.ALL, "0.0.0.0/0"};
            case BLACKOUT ->
                new Object[] {
                  List.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.SUNDAY), "22:00", "24:00"
                };
            case CONSOLE -> new Object[] {"notebook", "web-1", "Lutece Cloud"};
            case RULE_REMOVED -> new Object[] {Role.MEMBER, ""};
            case HOST_MOVE_LIVE, HOST_MOVE_COLD -> new Object[] {7, "host-a", "host-b", "HOT_SPOT"};
            case PROVIDER_ENERGY ->
                new Object[] {
                  AuditDetail.energy(null, null, null),
                  AuditDetail.energy(new java.math.BigDecimal("1.25"), 80, 350)
                };
            case HOST_POWER ->
                new Object[] {AuditDetail.power(null, null), AuditDetail.power(80, 350)};
            case FAILED ->
                new Object[] {
                  eu.federa.platform.text.Reason.of("bootFailed", "Lutece", "no disk").english()
                };
            case MOVE_ENDED_BECAUSE ->
                new Object[] {
                  7,
                  "Lutece",
                  "Wisla",
                  eu.federa.platform.text.Reason.keyed("move.reason.targetGone", "Wisla").english()
                };
            case EVACUATION -> new Object[] {"Lutece Cloud", 3, 1};
            case HOST_MOVE_FAILED ->
                new Object[] {
                  7,
                  eu.federa.platform.text.Reason.of("migrateFailed", "Lutece", "no room").english()
                };
            case REPLACED ->
                new Object[] {
                  "Lutece",
                  "Wisla",
                  eu.federa.platform.text.Reason.of("unreachable", "Lutece").english()
                };
            case IMPORT_FAILED ->
                new Object[] {
                  eu.federa.platform.text.Reason.keyed("import.reason.orderGone").english(), "none"
                };
            case METERING_REPAIRED -> new Object[] {"OPEN_AFTER_END", "a1b2"};
            case CHAIN_BROKEN ->
                new Object[] {
                  3, new ChainVerification.Problem(ChainVerification.Kind.SEALS_MISSING, 12, null)
                };
            case INVITATION_REFUSED -> new Object[] {"invitation.error.expired"};
            case IMPORTED_VMS -> new Object[] {"3 RUNNING, 1 SKIPPED"};
            case TRAIL_EXPORTED ->
                new Object[] {
                  "CSV",
                  new AuditFilter(
                          java.time.Instant.parse("2026-11-01T00:00:00Z"),
                          null,
                          "theo, the admin",
                          AuditAction.SIGN_IN,
                          4L)
                      .describe()
                };
            case REBALANCING ->
                new Object[] {"review only", "automatic", 6, 2, "inside providers only"};
            case EXIT_FILED, EXIT_FILED_FROZEN ->
                new Object[] {"another provider", "2026-12-01", "2027-01-31"};
            default -> {
              Object[] numbers = new Object[form.arity()];
              Arrays.fill(numbers, 7);
              yield numbers;
            }
          };
      String kept = form.text(sample);
      assertThat(form.actions()).as("%s is written for some action", form).isNotEmpty();
      for (AuditAction action : form.actions()) {
        assertThat(AuditDetail.read(action, kept).map(Phrase::key))
            .as("%s kept as %s for %s", form, kept, action)
            .contains("audit.detail." + form.name());
      }
    }
    EveryLanguage.hasEachOf(
        Arrays.stream(AuditDetail.values()).map(f -> "audit.detail." + f.name()).toList());
  }
}
