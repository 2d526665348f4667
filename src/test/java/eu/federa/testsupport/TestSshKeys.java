package eu.federa.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * SSH public keys for the tests, made with ssh-keygen (their fingerprints, as {@code ssh-keygen -l}
 * shows them, are asserted in {@code SshPublicKeyTest}); only public halves, which are no secret.
 */
public final class TestSshKeys {

  private TestSshKeys() {}

  public static final String ED25519 =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFBVZsgFnTp4IfcuZZT5EAeCQzzVvK70P0/rRu5sY1e9 ana@laptop";

  public static final String RSA_3072 =
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQClMtQlK6wR6aZuu96xQpq0uANogr2lZuuaVtQT82yZ4evqwj9qqU5jMg"
          + "+cKH/JUa4FmA+KawExukm/fyzM908ZXEbqLdvHM4EOBNiWGwmFaZr5azhQNIT2CpHELqvhC54RYTvS2/P865YcNHU"
          + "nra1Kid6GZlD6HH23NSY3us/JrdKWmg9ZTLEnzCPlSnPwzBb9c7qHZVgzHYkurUJae3Ytzg5BBQX1YyCq0iGNmFtA"
          + "TvFi7XU8vCB4wCHp4G252l5CPez+4w7ymq6yXtCewZgNOmOKIDGI6ieEhrm1nQH7dWK1MiG36hZJwcznPsUANuLML"
          + "cbYTSTfiaYyequo447UMA5qha8ovwIulorCwX3KjknFJqRwMzJioL3zmfMyPPZkdi/aoJnv7dXoC6CgrVGlXQ7zn1x"
          + "BDiScDxjY3NepjX/lz2BEp5iSLsvvM3dDqDdJhVfaDH06Za9fS2j41iXSBCqhONjQ66kf2VZ9IQkr1qP3xcDRs1RQ"
          + "ZAkbnmm4Ur0= ops";

  public static final String ECDSA_384 =
      "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBCggUI582tIK3WWNNfk"
          + "NPKb+GD3t+S/RVWkJiHPap+/K7gM9efZSFa3lLfE9LqkJQmo/LqqP/MZFBIZrXxDBeJeJayzFVH/USyv40p7OR6IJ"
          + "FspXLQoHvP63rguYLZa6gg== ";

  public static final String RSA_1024 =
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCntUqafO2JUkhpzTE9dEgs/+n0ZpD8CKSwrSV07yPnVX0++TMI6yKq"
          + "JyUJMV7K4TC16Qmy3ZbWNoJUYi43hq+S9RiOL2nz68/tNXq1Blqiq3QDNC8PJm4MzIOtyCLrunIee8ck8FEOlAnn1"
          + "jJtd6T0IJ7kZ31Sb6HOoYfwQ8raJQ== old";

  /** A well-formed ed25519 public key of random bytes: a new key each time. */
  public static String randomEd25519() {
    byte[] point = new byte[32];
    new SecureRandom().nextBytes(point);
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(blob)) {
      byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
      out.writeInt(type.length);
      out.write(type);
      out.writeInt(point.length);
      out.write(point);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray());
  }
}
