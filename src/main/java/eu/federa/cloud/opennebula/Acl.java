package eu.federa.cloud.opennebula;

import java.util.Locale;
import java.util.Set;

/**
 * An access rule to add to a provider's ACL: which group, which resources, which rights. OpenNebula
 * takes each part as a hexadecimal bit set (the values are those of its {@code AclRule.h}): the
 * first 32 bits are an id, the bits above say whose id it is and which object types the rule
 * covers.
 */
public record Acl(int groupId, Set<Resource> resources, Target target, Set<Right> rights) {

  private static final long INDIVIDUAL = 0x100000000L;
  private static final long GROUP = 0x200000000L;
  private static final long ALL = 0x400000000L;

  /** Object types a rule can cover. */
  public enum Resource {
    VM(0x1000000000L),
    NET(0x4000000000L),
    IMAGE(0x8000000000L),
    TEMPLATE(0x20000000000L),
    DATASTORE(0x100000000000L),
    SECGROUP(0x1000000000000L);

    final long bit;

    Resource(long bit) {
      this.bit = bit;
    }
  }

  /** What a rule grants. */
  public enum Right {
    USE(0x1),
    MANAGE(0x2),
    ADMIN(0x4),
    CREATE(0x8);

    final long bit;

    Right(long bit) {
      this.bit = bit;
    }
  }

  /** All objects of the types ({@code *}), or one object by id ({@code #id}). */
  public record Target(int objectId) {
    public static final Target ANY = new Target(-1);

    public static Target one(int objectId) {
      return new Target(objectId);
    }

    long bits() {
      return objectId < 0 ? ALL : INDIVIDUAL | objectId;
    }

    @Override
    public String toString() {
      return objectId < 0 ? "*" : "#" + objectId;
    }
  }

  public Acl {
    resources = Set.copyOf(resources);
    rights = Set.copyOf(rights);
  }

  /** Members of the group may create objects of these types. */
  public static Acl create(int groupId, Set<Resource> resources) {
    return new Acl(groupId, resources, Target.ANY, Set.of(Right.CREATE));
  }

  /** Members of the group may use one object (a template, an image, a network). */
  public static Acl use(int groupId, Resource resource, int objectId) {
    return new Acl(groupId, Set.of(resource), Target.one(objectId), Set.of(Right.USE));
  }

  String userHex() {
    return hex(GROUP | groupId);
  }

  String resourceHex() {
    long bits = target.bits();
    for (Resource r : resources) {
      bits |= r.bit;
    }
    return hex(bits);
  }

  String rightsHex() {
    long bits = 0;
    for (Right r : rights) {
      bits |= r.bit;
    }
    return hex(bits);
  }

  private static String hex(long value) {
    return Long.toHexString(value).toUpperCase(Locale.ROOT);
  }

  /** As OpenNebula prints the rule, e.g. {@code @105 VM+TEMPLATE/* CREATE}, for messages. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("@").append(groupId).append(' ');
    String types =
        resources.stream().sorted().map(Enum::name).reduce((a, b) -> a + "+" + b).orElse("");
    s.append(types).append('/').append(target).append(' ');
    s.append(rights.stream().sorted().map(Enum::name).reduce((a, b) -> a + "+" + b).orElse(""));
    return s.toString();
  }
}
