package eu.federa.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.validation.ConflictException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Issue #15: erasure records are signed with Ed25519, checkable by anyone with the public key. */
class RecordSignerTest {

  private static String keyPair(KeyPair pair) {
    return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
        + "."
        + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
  }

  @Test
  void aRecordSignedWithThePlatformsKeyIsCheckedWithItsPublicKey() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    RecordSigner signer = new RecordSigner();
    System.setProperty("federa.record.signing-key", keyPair(pair));
    try {
      byte[] body =
          "{\"format\":\"urn:federa:erasure-record:v1\"}".getBytes(StandardCharsets.UTF_8);
      RecordSigner.Signed signed = signer.sign(body);
      assertThat(signed.keyId()).hasSize(16).isEqualTo(signer.keyId());
      // Anyone checks it with the published key, without Federa.
      Signature check = Signature.getInstance("Ed25519");
      check.initVerify(
          java.security.KeyFactory.getInstance("Ed25519")
              .generatePublic(
                  new java.security.spec.X509EncodedKeySpec(
                      Base64.getDecoder().decode(signer.publicKeyBase64()))));
      check.update(body);
      assertThat(check.verify(Base64.getDecoder().decode(signed.signatureBase64()))).isTrue();
      assertThat(signer.verify(body, signed.signatureBase64())).isTrue();
      body[3] = 'X';
      assertThat(signer.verify(body, signed.signatureBase64())).as("a changed record").isFalse();
    } finally {
      System.clearProperty("federa.record.signing-key");
    }
  }

  @Test
  void aMissingOrMismatchedKeyIsRefusedWithWhatIsWrong() throws Exception {
    assertThatThrownBy(() -> RecordSigner.parse(""))
        .isInstanceOf(ConflictException.class)
        .hasMessage("exit.error.noSigningKey");
    KeyPair one = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String mixed =
        Base64.getEncoder().encodeToString(one.getPrivate().getEncoded())
            + "."
            + Base64.getEncoder().encodeToString(other.getPublic().getEncoded());
    assertThatThrownBy(() -> RecordSigner.parse(mixed))
        .hasMessageContaining("not the private key's");
    assertThatThrownBy(() -> RecordSigner.parse("abc")).hasMessageContaining("joined by a dot");
  }

  @Test
  void pseudonymsAreStableWithinOneErasureAndUnlinkableAcrossThem() {
    ErasureContext one = new ErasureContext(1, Instant.now(), Set.of());
    ErasureContext two = new ErasureContext(1, Instant.now(), Set.of());
    assertThat(one.pseudonym("sub-ada")).startsWith("erased-").isEqualTo(one.pseudonym("sub-ada"));
    assertThat(one.pseudonym("sub-ada")).isNotEqualTo(one.pseudonym("sub-bo"));
    assertThat(one.pseudonym("sub-ada")).isNotEqualTo(two.pseudonym("sub-ada"));
    assertThat(one.pseudonym(null)).isNull();
    assertThat(one.pseudonym("system")).isEqualTo("system");
  }

  @Test
  void theRecordFollowsItsPublishedSchemaAndTheCertificatePrintsIt() throws Exception {
    ExitRequest exit =
        new ExitRequest(
            9,
            "sub-ada",
            Instant.parse("2026-12-01T10:00:00Z"),
            ExitDestination.OTHER_CLOUD,
            null,
            Instant.parse("2026-12-01T10:00:00Z"),
            java.math.BigDecimal.ZERO.setScale(2),
            java.time.Duration.ofDays(30));
    Instant at = Instant.parse("2027-03-01T00:00:00Z");
    String body =
        ErasureRecords.body(
            exit,
            "Acme \u00c9nergie",
            java.util.List.of("FED-2027-000001"),
            java.util.List.of(
                new ErasureRecords.Item(
                    "Paris", "GROUP 101 \"federa-tenant-9\"", "DELETED", "deleted (101)", at),
                new ErasureRecords.Item("Federa", "memberships", "DELETED", "3 records", at),
                new ErasureRecords.Item(
                    "Federa", "invoices", "KEPT", "2 records, kept until 2037-03-01: law", at)),
            at,
            "Federa",
            "abc",
            "https://portal.example/schemas/export/v1/");
    String schema;
    try (var in =
        RecordSignerTest.class.getResourceAsStream(
            "/eu/federa/portability/schemas/v1/erasure-record.schema.json")) {
      schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    var errors =
        com.networknt.schema.SchemaRegistry.withDefaultDialect(
                com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
            .getSchema(schema)
            .validate(body, com.networknt.schema.InputFormat.JSON);
    assertThat(errors).isEmpty();

    byte[] pdf = ErasureRecords.pdf(new ErasureRecords.Stored(4, body, "f00d", "c2ln", "abc", at));
    try (var doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("Erasure record")
          .contains("Acme \u00c9nergie")
          .contains("FED-2027-000001")
          .contains("federa-tenant-9")
          .contains("deleted (101)")
          .contains("kept until 2037-03-01")
          .contains("SHA-256 of the JSON record: f00d");
    }
  }
}
