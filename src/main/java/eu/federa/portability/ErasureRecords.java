package eu.federa.portability;

import eu.federa.platform.config.Setting;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.text.PdfPages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The erasure record of a tenant's exit: what was deleted, where, when, and each provider's answer,
 * signed by the platform; kept (the JSON exactly as signed) and downloadable by the tenant's former
 * admins, as JSON, as a signature file, and as a PDF certificate printed from the same JSON.
 */
@ApplicationScoped
public class ErasureRecords {

  /** The format of the record's JSON, as its schema names it. */
  static final String FORMAT = "urn:federa:erasure-record:v1";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject RecordSigner signer;

  /** A stored record: its JSON as signed, its checksum and signature. */
  public record Stored(
      long exitId, String body, String sha256, String signature, String keyId, Instant signedAt) {

    byte[] bytes() {
      return body.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** One line of what was done: at a provider, or in Federa. */
  record Item(String place, String object, String outcome, String answer, Instant at) {}

  /** Writes, signs and keeps the record of {@code e}'s erasure, in the caller's transaction. */
  Stored write(
      ExitRequest e, String tenantName, List<String> finalInvoices, List<Item> items, Instant now) {
    String body =
        body(
            e,
            tenantName,
            finalInvoices,
            items,
            now,
            Setting.INVOICE_SELLER_NAME.value(),
            signer.keyId(),
            ExportWorker.schemaBase());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    RecordSigner.Signed signed = signer.sign(bytes);
    String sha256 = sha256(bytes);
    em.createNativeQuery(
            "INSERT INTO exit_record (exit_id, tenant_id, body, sha256, signature, key_id,"
                + " signed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .setParameter(1, e.getId())
        .setParameter(2, e.getTenantId())
        .setParameter(3, body)
        .setParameter(4, sha256)
        .setParameter(5, signed.signatureBase64())
        .setParameter(6, signed.keyId())
        .setParameter(7, now)
        .executeUpdate();
    return new Stored(e.getId(), body, sha256, signed.signatureBase64(), signed.keyId(), now);
  }

  /**
   * The record's JSON, as it is signed: the exit and its timeline, the final invoices, each object
   * at each provider with the provider's answer, and each kind of Federa data with what became of
   * it. Its schema is published ({@code erasure-record.schema.json}).
   */
  static String body(
      ExitRequest e,
      String tenantName,
      List<String> finalInvoices,
      List<Item> items,
      Instant now,
      String platform,
      String keyId,
      String schemaBase) {
    JsonArrayBuilder providers = Json.createArrayBuilder();
    JsonArrayBuilder federa = Json.createArrayBuilder();
    for (Item i : items) {
      JsonObjectBuilder o =
          Json.createObjectBuilder()
              .add("object", i.object())
              .add("outcome", i.outcome())
              .add("answer", i.answer() == null ? "" : i.answer())
              .add("at", i.at().toString());
      if ("Federa".equals(i.place())) {
        federa.add(o);
      } else {
        providers.add(o.add("provider", i.place()));
      }
    }
    JsonArrayBuilder invoices = Json.createArrayBuilder();
    finalInvoices.forEach(invoices::add);
    return Json.createObjectBuilder()
        .add("$schema", schemaBase + "erasure-record.schema.json")
        .add("format", FORMAT)
        .add("exit", e.getId() == null ? 0 : e.getId())
        .add(
            "tenant", Json.createObjectBuilder().add("id", e.getTenantId()).add("name", tenantName))
        .add("destination", e.getDestination().name())
        .add("requestedAt", e.getRequestedAt().toString())
        .add(
            "timeline",
            Json.createObjectBuilder()
                .add("transitionStartedAt", e.getTransitionStartsAt().toString())
                .add("transitionEndedAt", e.getTransitionEndsAt().toString())
                .add("retrievalEndedAt", e.getRetrievalEndsAt().toString())
                .add(
                    "justification",
                    e.getJustification() == null
                        ? JsonValue.NULL
                        : Json.createValue(e.getJustification())))
        .add("switchingChargeEur", e.getSwitchingChargeEur().toPlainString())
        .add("finalInvoices", invoices)
        .add("providers", providers)
        .add("federa", federa)
        .add("erasedAt", now.toString())
        .add(
            "signedBy",
            Json.createObjectBuilder()
                .add("platform", platform)
                .add("algorithm", "Ed25519")
                .add("keyId", keyId))
        .build()
        .toString();
  }

  /** The stored record of an exit. */
  Stored stored(long exitId) {
    Row r =
        Row.single(
            em.createNativeQuery(
                    "SELECT body, sha256, signature, key_id, signed_at FROM exit_record"
                        + " WHERE exit_id = ?1")
                .setParameter(1, exitId));
    return new Stored(exitId, r.str(0), r.str(1), r.str(2), r.str(3), r.instant(4));
  }

  /** The record as a PDF certificate: everything its JSON says, with its checksum and signature. */
  static byte[] pdf(Stored stored) {
    JsonObject r;
    try (JsonReader reader = Json.createReader(new StringReader(stored.body()))) {
      r = reader.readObject();
    }
    JsonObject tenant = r.getJsonObject("tenant");
    JsonObject timeline = r.getJsonObject("timeline");
    try (PdfPages pdf = new PdfPages(0, 150, 270, 340)) {
      pdf.text(16, true, "Erasure record");
      pdf.gap(4);
      pdf.text(
          10,
          false,
          "Organisation: "
              + tenant.getString("name")
              + " (tenant "
              + tenant.getJsonNumber("id")
              + ")");
      pdf.text(
          10,
          false,
          "Exit request "
              + r.getJsonNumber("exit")
              + ", destination "
              + r.getString("destination"));
      pdf.text(10, false, "Requested: " + r.getString("requestedAt"));
      pdf.text(
          10,
          false,
          "Transition: "
              + timeline.getString("transitionStartedAt")
              + " to "
              + timeline.getString("transitionEndedAt"));
      pdf.text(10, false, "Data retrieval window ended: " + timeline.getString("retrievalEndedAt"));
      if (!timeline.isNull("justification")) {
        pdf.paragraph(
            9, "Longer transition, justified: " + timeline.getString("justification"), 100);
      }
      pdf.text(10, false, "Switching charge: EUR " + r.getString("switchingChargeEur"));
      pdf.text(10, false, "Erased: " + r.getString("erasedAt"));
      pdf.gap(8);
      pdf.text(11, true, "Final invoices (the account is closed)");
      List<String> numbers =
          r.getJsonArray("finalInvoices").getValuesAs(JsonValue::toString).stream()
              .map(v -> v.replace("\"", ""))
              .toList();
      pdf.text(
          9,
          false,
          numbers.isEmpty() ? "none: nothing was left to bill" : String.join(", ", numbers));
      pdf.gap(8);
      pdf.text(11, true, "At the providers: each object and the provider's answer");
      for (JsonObject o : r.getJsonArray("providers").getValuesAs(JsonObject.class)) {
        pdf.columns(
            8,
            new String[] {
              o.getString("provider"),
              o.getString("object"),
              o.getString("outcome"),
              o.getString("at")
            });
        pdf.paragraph(7, "    " + o.getString("answer"), 130);
      }
      if (r.getJsonArray("providers").isEmpty()) {
        pdf.text(9, false, "The organisation had nothing at any provider.");
      }
      pdf.gap(8);
      pdf.text(11, true, "In Federa");
      for (JsonObject o : r.getJsonArray("federa").getValuesAs(JsonObject.class)) {
        pdf.columns(8, new String[] {o.getString("outcome"), o.getString("object"), "", ""});
        pdf.paragraph(7, "    " + o.getString("answer"), 130);
      }
      pdf.gap(10);
      JsonObject by = r.getJsonObject("signedBy");
      pdf.text(11, true, "Signature");
      pdf.text(
          9,
          false,
          "Signed by "
              + by.getString("platform")
              + ", "
              + by.getString("algorithm")
              + ", key "
              + by.getString("keyId"));
      pdf.text(9, false, "SHA-256 of the JSON record: " + stored.sha256());
      pdf.paragraph(8, "Signature (base64): " + stored.signature(), 110);
      pdf.paragraph(
          8,
          "The JSON record (erasure-record.json) is what is signed, byte for byte; the public key is"
              + " on the portal's switching page.",
          110);
      return pdf.bytes();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
