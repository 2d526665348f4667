package eu.federa.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.testsupport.TestSshKeys;
import org.junit.jupiter.api.Test;

/** What a pasted SSH key must be, and what ssh-keygen says of the keys generated for this test. */
class SshPublicKeyTest {

  static final String ED25519 = TestSshKeys.ED25519;
  static final String RSA_3072 = TestSshKeys.RSA_3072;
  static final String ECDSA_384 = TestSshKeys.ECDSA_384;
  static final String RSA_1024 = TestSshKeys.RSA_1024;

  @Test
  void acceptedKeysHaveTheFingerprintSshKeygenShows() throws Exception {
    SshPublicKey ed = SshPublicKey.parse("  " + ED25519 + "\n");
    assertThat(ed.type()).isEqualTo("ssh-ed25519");
    assertThat(ed.bits()).isEqualTo(256);
    assertThat(ed.comment()).isEqualTo("ana@laptop");
    assertThat(ed.fingerprint()).isEqualTo("SHA256:06IagZEJWqNkXQXQsDI1kMQD1eZ70bBPTdyjX4+vVjY");
    assertThat(ed.line()).isEqualTo(ED25519);

    SshPublicKey rsa = SshPublicKey.parse(RSA_3072);
    assertThat(rsa.bits()).isEqualTo(3072);
    assertThat(rsa.fingerprint()).isEqualTo("SHA256:KNi4v3com3UDO1X7pIXdbU2UVAWqmn6Xm+TBMOleP/E");

    SshPublicKey ecdsa = SshPublicKey.parse(ECDSA_384);
    assertThat(ecdsa.bits()).isEqualTo(384);
    assertThat(ecdsa.comment()).isEmpty();
    assertThat(ecdsa.fingerprint()).isEqualTo("SHA256:vmXz3Nb7e/a8TPqipCg6pH4UlnU+yNgBG9fP//DP5t4");
  }

  @Test
  void aPrivateKeyIsRefusedWithItsOwnReason() {
    refused(
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n"
            + "-----END OPENSSH PRIVATE KEY-----",
        "sshkey.error.private");
    refused(
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n-----END RSA PRIVATE KEY-----",
        "sshkey.error.private");
    refused("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none", "sshkey.error.private");
  }

  @Test
  void whatIsNotOneGoodPublicKeyIsRefusedWithTheReason() {
    refused(null, "sshkey.error.empty");
    refused("   ", "sshkey.error.empty");
    refused(ED25519 + "\n" + RSA_3072, "sshkey.error.several");
    refused("ssh-dss AAAAB3NzaC1kc3MAAACBAP== x", "sshkey.error.type");
    refused("ssh-ed25519", "sshkey.error.data");
    refused("ssh-ed25519 not*base64 x", "sshkey.error.data");
    refused("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFBV x", "sshkey.error.data");
    // An RSA key's data under the ed25519 type.
    refused("ssh-ed25519 " + RSA_3072.split(" ")[1], "sshkey.error.mismatch");
    refused(RSA_1024, "sshkey.error.short");
    refused(ED25519.replace("ana@laptop", "ana\"; rm -rf /"), "sshkey.error.comment");
    refused(
        ED25519.replace("ana@laptop", "x".repeat(SshPublicKey.MAX_LENGTH)), "sshkey.error.long");
  }

  @Test
  void theShortKeyNamesItsSize() {
    assertThatThrownBy(() -> SshPublicKey.parse(RSA_1024))
        .isInstanceOfSatisfying(
            SshPublicKey.Refused.class,
            r -> assertThat(r.arguments()).containsExactly(1024, SshPublicKey.MIN_RSA_BITS));
  }

  private static void refused(String text, String reason) {
    assertThatThrownBy(() -> SshPublicKey.parse(text))
        .isInstanceOfSatisfying(
            SshPublicKey.Refused.class, r -> assertThat(r.messageKey()).isEqualTo(reason));
  }
}
