package eu.federa.platform.exit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One tenant's erasure, as every capability needs it.
 *
 * @param tenantId the tenant leaving
 * @param at when the erasure runs
 * @param leavingFedera the former members who belong to no other tenant: their own data (profile,
 *     keys) is erased too
 */
public final class ErasureContext {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final long tenantId;
  private final Instant at;
  private final Set<String> leavingFedera;
  private final byte[] salt;

  /** A context whose pseudonyms come from a new random key, kept nowhere. */
  public ErasureContext(long tenantId, Instant at, Set<String> leavingFedera) {
    this.tenantId = tenantId;
    this.at = at;
    this.leavingFedera = Set.copyOf(leavingFedera);
    this.salt = new byte[32];
    RANDOM.nextBytes(salt);
  }

  public long tenantId() {
    return tenantId;
  }

  public Instant at() {
    return at;
  }

  public Set<String> leavingFedera() {
    return leavingFedera;
  }

  /**
   * The pseudonym that replaces a person's subject where a record is kept: the same person gets the
   * same pseudonym within this erasure, and the key that makes them is not kept, so nobody can go
   * back from one to the person. Null stays null.
   */
  public String pseudonym(String subject) {
    if (subject == null) {
      return null;
    }
    if ("system".equals(subject)) {
      return subject;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      byte[] digest = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
      return "erased-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing", e);
    }
  }
}
