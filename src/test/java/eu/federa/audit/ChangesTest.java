package eu.federa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.billing.PriceListForm;
import eu.federa.catalog.Image;
import eu.federa.catalog.Model;
import eu.federa.catalog.Size;
import eu.federa.cloud.registry.AccessMeasure;
import eu.federa.cloud.registry.ProviderForm;
import eu.federa.cloud.registry.SovereigntyRegister;
import eu.federa.platform.i18n.Formats;
import eu.federa.quota.QuotaLimits;
import eu.federa.tenancy.MembershipRuleForm;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A platform admin's change is kept as English text naming the fields as the code does, and read in
 * each reader's words: the fields' names and the portal's words translated, names and codes as they
 * are, numbers and moments in the reader's format.
 */
class ChangesTest {

  private static final Locale POLISH = Locale.forLanguageTag("pl");

  /** As a reader of {@code language} in Berlin reads it; the kept text where it is not read. */
  private static String read(AuditAction action, String kept, Locale language) {
    return Changes.read(action, kept)
        .map(p -> p.in(Formats.of(language, ZoneId.of("Europe/Berlin"))))
        .orElse(kept);
  }

  record Form(String name, String apiSecret, BigDecimal price, List<String> labels, Integer cpu) {}

  record Other(String name) {}

  @Test
  void onlyWhatChangedIsWrittenWithItsValueBeforeAndAfter() {
    Form before = new Form("Nord", "", new BigDecimal("2.50"), List.of("C5"), 4);
    Form after = new Form("Nord Cloud", "", new BigDecimal("2.5"), List.of("C5", "HDS"), null);
    assertThat(Changes.between(before, after, Set.of("apiSecret")))
        .isEqualTo(
            "name: Nord \u2192 Nord Cloud; labels: [C5] \u2192 [C5, HDS]; cpu: 4 \u2192 none");
  }

  @Test
  void aSecretIsNeverWrittenOnlyThatItChanged() {
    Form before = new Form("Nord", "", BigDecimal.ONE, List.of(), 1);
    Form after = new Form("Nord", "s3cret-value", BigDecimal.ONE, List.of(), 1);
    assertThat(Changes.between(before, after, Set.of("apiSecret"))).isEqualTo("apiSecret: changed");
    assertThat(Changes.created(after, Set.of("apiSecret")))
        .contains("apiSecret: set")
        .doesNotContain("s3cret");
    assertThat(Changes.between(before, before, Set.of("apiSecret"))).isEqualTo("nothing changed");
    assertThat(Changes.between(before, before, Set.of(), List.of("apiSecret: changed")))
        .isEqualTo("apiSecret: changed");
  }

  @Test
  void twoKindsOfRecordAreRefused() {
    assertThatThrownBy(
            () -> Changes.between(new Other("a"), new Form(null, null, null, null, null), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aChangedQuotaReadsInTheReadersWordsAndNumbers() {
    QuotaLimits before = new QuotaLimits(8, 16_384L, null, 10, 200, null, null);
    QuotaLimits after = new QuotaLimits(16, 32_768L, null, 10, 200, 2, new BigDecimal("1500.00"));
    String kept = Changes.between(before, after, Set.of());
    assertThat(kept)
        .isEqualTo(
            "vcpu: 8 \u2192 16; memoryMib: 16384 \u2192 32768; aiEndpoints: none \u2192 2;"
                + " monthlyBudgetEur: none \u2192 1500");
    assertThat(read(AuditAction.TENANT_QUOTA_CHANGED, kept, Locale.GERMAN))
        .isEqualTo(
            "vCPUs: 8 \u2192 16; Arbeitsspeicher (MiB): 16.384 \u2192 32.768; KI-Endpunkte: keine"
                + " \u2192 2; Monatsbudget (EUR): keine \u2192 1.500");
    assertThat(read(AuditAction.TENANT_QUOTA_CHANGED, "nothing changed", Locale.FRENCH))
        .isEqualTo("rien de modifi\u00e9");
  }

  @Test
  void aProjectsFirstLimitsReadAsTheLimitsTheyHold() {
    String kept =
        Changes.field("limits", null, new QuotaLimits(4, null, null, 3, null, null, null));
    assertThat(kept)
        .isEqualTo(
            "limits: none \u2192 QuotaLimits[vcpu=4, memoryMib=null, gpus=null, vms=3,"
                + " diskGib=null, aiEndpoints=null, monthlyBudgetEur=null]");
    assertThat(read(AuditAction.PROJECT_QUOTA_CHANGED, kept, POLISH))
        .isEqualTo("Limity: brak \u2192 vCPU: 4, Maszyny wirtualne: 3");
    assertThat(
            read(
                AuditAction.PROJECT_QUOTA_CHANGED,
                Changes.field("limits", new QuotaLimits(4, null, null, 3, null, null, null), null),
                Locale.ITALIAN))
        .isEqualTo("Limiti: vCPU: 4, Macchine virtuali: 3 \u2192 nessuno");
  }

  @Test
  void aProvidersNameReadsAsItIsEvenWithAColonInIt() {
    String kept = Changes.of("Nord: Zagreb", Changes.field("enabled", false, true));
    assertThat(kept).isEqualTo("Nord: Zagreb: enabled: false \u2192 true");
    assertThat(read(AuditAction.PROVIDER_ENABLED, kept, Locale.GERMAN))
        .isEqualTo("Nord: Zagreb: Aktiviert: Nein \u2192 Ja");
    String tricky = Changes.of("Nord: enabled: maybe", Changes.field("enabled", true, false));
    assertThat(read(AuditAction.PROVIDER_DISABLED, tricky, Locale.GERMAN))
        .as("a name holding a field's name and a value that is none of its values")
        .isEqualTo("Nord: enabled: maybe: Aktiviert: Ja \u2192 Nein");
    SovereigntyRegister register =
        new SovereigntyRegister(
            3, "Nord", "Nord d.o.o.", "HR", List.of("HR"), "HR", List.of(), List.of("C5"));
    SovereigntyRegister changed =
        new SovereigntyRegister(
            3,
            "Nord",
            "Nord d.o.o.",
            "HR",
            List.of("HR", "SI"),
            "HR",
            List.of(AccessMeasure.values()[0]),
            List.of("C5"));
    String registerKept = Changes.of("Nord", Changes.between(register, changed, Set.of()));
    assertThat(read(AuditAction.PROVIDER_REGISTER_CHANGED, registerKept, Locale.FRENCH))
        .startsWith(
            "Nord\u00a0: Pays des centres de donn\u00e9es\u00a0: [HR] \u2192 [HR, SI]\u00a0; Mesures")
        .endsWith("\u00a0: aucun \u2192 op\u00e9rateur contr\u00f4l\u00e9 dans l\u2019UE")
        .doesNotContain(AccessMeasure.values()[0].name());
    EveryLanguage.hasEachOf(
        Arrays.stream(AccessMeasure.values()).map(m -> "audit.value.measure." + m.name()).toList());
  }

  @Test
  void aProvidersSecretReadsOnlyAsChangedOrSet() {
    ProviderForm form =
        new ProviderForm(
            "Nord",
            "Nord d.o.o.",
            "HR",
            "Zagreb",
            new BigDecimal("45.815"),
            new BigDecimal("15.982"),
            "HR",
            List.of("C5"),
            "http://127.0.0.1:2633/RPC2",
            "oneadmin",
            "s3cret",
            true,
            false,
            "",
            null,
            null);
    String created = Changes.created(form, ProviderForm.SECRETS);
    String german = read(AuditAction.PROVIDER_REGISTERED, created, Locale.GERMAN);
    assertThat(german)
        .startsWith("Name: Nord; Betreiber (juristische Person): Nord d.o.o.; Land: HR; Stadt:")
        .contains("Breitengrad: 45,815; ")
        .contains("API-Geheimnis: gesetzt; Aktiviert: Ja; Edge-Standort: Nein; Notizen: leer;")
        .endsWith("Konsolenseite einer VM: keine")
        .doesNotContain("s3cret");
    String changed =
        Changes.between(form, form, Set.of(), List.of(Changes.secretChanged("apiSecret")));
    assertThat(read(AuditAction.PROVIDER_CHANGED, changed, Locale.FRENCH))
        .isEqualTo("Secret de l\u2019API\u00a0: modifi\u00e9");
  }

  @Test
  void aPriceListsMomentsReadInTheReadersZoneAndItsPricesExactly() {
    PriceListForm form =
        new PriceListForm(
            2L,
            Instant.parse("2026-12-01T00:00:00Z"),
            null,
            new BigDecimal("0.0125"),
            new BigDecimal("0.004"),
            new BigDecimal("0.05"),
            null,
            null,
            "A100=2.10",
            null,
            "");
    String kept = Changes.created(form, Set.of());
    String french = read(AuditAction.PRICE_LIST_ADDED, kept, Locale.FRENCH);
    assertThat(french)
        .startsWith("Fournisseur (id)\u00a0: 2\u00a0; Valable du\u00a0: ")
        .contains(Formats.of(Locale.FRENCH, ZoneId.of("Europe/Berlin")).dateTime(form.validFrom()))
        .contains(
            "Valable jusqu\u2019au\u00a0: aucun\u00a0; EUR par heure de vCPU\u00a0: 0,0125\u00a0;")
        .contains("EUR par heure de GPU, par mod\u00e8le\u00a0: A100=2.10");
  }

  @Test
  void catalogRecordsAndRulesReadWithThePortalsWords() {
    String removed =
        Changes.removed(
            new Model("llama-3", "Llama 3", new BigDecimal("8.0"), "Llama", 16, 8192), Set.of());
    assertThat(removed).startsWith("removed: code: llama-3; name: Llama 3; parametersBillion: 8;");
    assertThat(read(AuditAction.CATALOG_MODEL_REMOVED, removed, Locale.GERMAN))
        .isEqualTo(
            "entfernt: Code: llama-3; Name: Llama 3; Parameter (Milliarden): 8; Lizenz: Llama;"
                + " Ben\u00f6tigter GPU-Speicher (GiB): 16; Kontextl\u00e4nge (Token): 8.192");
    String rule =
        Changes.created(
            new MembershipRuleForm("EMAIL_DOMAIN", "acme.example", 4L, "MEMBER", ""), Set.of());
    assertThat(read(AuditAction.MEMBERSHIP_RULE_CREATED, rule, POLISH))
        .startsWith("Dotyczy: ")
        .contains("Warto\u015b\u0107: acme.example; Organizacja (id): 4; Rola: ");
    assertThat(
            read(AuditAction.CATALOG_OFFER_SET, Changes.field("OpenNebula template", 4, 5), POLISH))
        .isEqualTo("Szablon OpenNebula: 4 \u2192 5");
    String sites =
        Changes.field("measurements", 3, 5)
            + "; "
            + Changes.value("sites", List.of("Split", "Zagreb"));
    assertThat(read(AuditAction.LATENCY_TABLE_CHANGED, sites, Locale.ITALIAN))
        .isEqualTo("Misurazioni: 3 \u2192 5; Siti: [Split, Zagreb]");
  }

  @Test
  void aValueHoldingTheSeparatorAndAFieldsNameReadsAsOneValue() {
    String removed =
        Changes.removed(
            new Model("m", "Llama; license: MIT", new BigDecimal("8"), "Llama", 16, 8192),
            Set.of());
    assertThat(read(AuditAction.CATALOG_MODEL_REMOVED, removed, Locale.GERMAN))
        .startsWith("entfernt: Code: m; Name: Llama;\u00a0license: MIT; Parameter (Milliarden): 8;")
        .contains("; Lizenz: Llama;");
  }

  @Test
  void textThatIsNotOneOfTheFormsReadsAsItWasKept() {
    for (Object[] kept :
        List.of(
            new Object[] {AuditAction.TENANT_QUOTA_CHANGED, "vcpu: 8 -> 16"},
            new Object[] {AuditAction.TENANT_QUOTA_CHANGED, "cpu: 8 \u2192 16"},
            new Object[] {AuditAction.TENANT_QUOTA_CHANGED, "vcpu: eight \u2192 16"},
            new Object[] {AuditAction.TENANT_QUOTA_CHANGED, "vcpu: 1 \u2192 2 \u2192 3"},
            new Object[] {AuditAction.TENANT_QUOTA_CHANGED, "vcpu: 1 \u2192 2; vcpu: 2 \u2192 3"},
            new Object[] {AuditAction.TENANT_QUOTA_CHANGED, "before vcpu: 1 \u2192 2"},
            new Object[] {AuditAction.PROVIDER_CHANGED, "apiSecret: s3cret"},
            new Object[] {AuditAction.PROVIDER_ENABLED, "enabled: maybe \u2192 true"},
            new Object[] {AuditAction.CATALOG_OFFER_SET, "OpenNebula template: four \u2192 5"},
            new Object[] {AuditAction.CATALOG_MODEL_REMOVED, "code: llama-3"},
            new Object[] {AuditAction.PROJECT_QUOTA_CHANGED, "limits: none \u2192 {vcpu=4}"},
            new Object[] {AuditAction.ORDER_ACTION, "vcpu: 1 \u2192 2"})) {
      assertThat(Changes.read((AuditAction) kept[0], (String) kept[1])).as("%s", kept[1]).isEmpty();
    }
    assertThat(Changes.read(AuditAction.TENANT_QUOTA_CHANGED, null)).isEmpty();
    assertThat(Changes.read(null, "vcpu: 1 \u2192 2")).isEmpty();
  }

  @Test
  void everyFieldOfEveryRecordWrittenHasItsWordsInEveryLanguage() {
    Map<Class<? extends Record>, Set<AuditAction>> written =
        Map.of(
            Image.class, Set.of(AuditAction.CATALOG_IMAGE_ADDED),
            Size.class, Set.of(AuditAction.CATALOG_SIZE_ADDED),
            Model.class, Set.of(AuditAction.CATALOG_MODEL_ADDED, AuditAction.CATALOG_MODEL_REMOVED),
            MembershipRuleForm.class, Set.of(AuditAction.MEMBERSHIP_RULE_CREATED),
            QuotaLimits.class,
                Set.of(AuditAction.TENANT_QUOTA_CHANGED, AuditAction.PROJECT_QUOTA_CHANGED),
            PriceListForm.class, Set.of(AuditAction.PRICE_LIST_ADDED),
            SovereigntyRegister.class, Set.of(AuditAction.PROVIDER_REGISTER_CHANGED),
            ProviderForm.class,
                Set.of(AuditAction.PROVIDER_REGISTERED, AuditAction.PROVIDER_CHANGED));
    written.forEach(
        (type, actions) -> {
          for (var component : type.getRecordComponents()) {
            for (AuditAction action : actions) {
              assertThat(ChangedField.values())
                  .as("%s.%s read for %s", type.getSimpleName(), component.getName(), action)
                  .anyMatch(f -> f.isOf(action) && f.written().equals(component.getName()));
            }
          }
        });
    assertThat(
            Arrays.stream(QuotaLimits.class.getRecordComponents()).map(c -> c.getName()).toList())
        .as("a QuotaLimits kept whole reads its fields in its order")
        .isEqualTo(ChangedField.Of.QUOTA_LIMITS.stream().map(ChangedField::written).toList());
    for (ChangedField field : ChangedField.values()) {
      assertThat(field.actions()).as("%s is written for some action", field).isNotEmpty();
    }
    List<String> keys = new ArrayList<>();
    Arrays.stream(ChangedField.values()).map(ChangedField::key).forEach(keys::add);
    Stream.of("fields", "of", "removed", "value", "from", "nothing")
        .map(k -> "audit.change." + k)
        .forEach(keys::add);
    Stream.of("none", "empty", "changed", "set", "notSet")
        .map(k -> "audit.value." + k)
        .forEach(keys::add);
    EveryLanguage.hasEachOf(keys);
  }
}
