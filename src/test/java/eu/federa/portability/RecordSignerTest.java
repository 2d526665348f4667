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
  void theCertificatePrintsWhatTheRecordSays() throws Exception {
    String body =
        "{\"format\":\"urn:federa:erasure-record:v1\",\"exit\":4,\"tenant\":{\"id\":9,\"name\":"
            + "\"Acme \u00c9nergie\"},\"destination\":\"OTHER_CLOUD\",\"requestedAt\":\"2026-12-01T10:00:00Z\","
            + "\"timeline\":{\"transitionStartedAt\":\"a\",\"transitionEndedAt\":\"b\","
            + "\"retrievalEndedAt\":\"c\",\"justification\":null},\"switchingChargeEur\":\"0.00\","
            + "\"finalInvoices\":[\"FED-2027-000001\"],\"providers\":[{\"object\":\"GROUP 101"
            + " \\\"federa-tenant-9\\\"\",\"outcome\":\"DELETED\",\"answer\":\"deleted (101)\","
            + "\"at\":\"d\",\"provider\":\"Paris\"}],\"federa\":[{\"object\":\"memberships\","
            + "\"outcome\":\"DELETED\",\"answer\":\"3 records\",\"at\":\"d\"}],\"erasedAt\":\"e\","
            + "\"signedBy\":{\"platform\":\"Federa\",\"algorithm\":\"Ed25519\",\"keyId\":\"abc\"}}";
    byte[] pdf =
        ErasureRecords.pdf(
            new ErasureRecords.Stored(4, body, "f00d", "c2lnbmF0dXJl", "abc", Instant.now()));
    try (var doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("Erasure record")
          .contains("Acme \u00c9nergie")
          .contains("FED-2027-000001")
          .contains("federa-tenant-9")
          .contains("deleted (101)")
          .contains("memberships")
          .contains("SHA-256 of the JSON record: f00d");
    }
  }
}
