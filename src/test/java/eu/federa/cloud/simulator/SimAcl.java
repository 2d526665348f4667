package eu.federa.cloud.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulated front-end's access-control list, enforced as OpenNebula does for users outside the
 * oneadmin group: creating an object needs a CREATE rule for its type; using another user's
 * template, image or network needs a USE rule for it. Like a fresh OpenNebula, it starts with a
 * rule letting the "users" group (1) create VMs, images and templates, and nothing for any other
 * group: {@code one.group.allocate} grants no rights. Guarded by the {@link SimulatedCloud}
 * monitor.
 */
final class SimAcl {

  // Bits of OpenNebula's AclRule.h.
  static final long INDIVIDUAL = 0x100000000L;
  static final long GROUP = 0x200000000L;
  static final long ALL = 0x400000000L;
  static final long VM = 0x1000000000L;
  static final long HOST = 0x2000000000L;
  static final long DATASTORE = 0x100000000000L;
  static final long NET = 0x4000000000L;
  static final long IMAGE = 0x8000000000L;
  static final long TEMPLATE = 0x20000000000L;
  static final long SECGROUP = 0x1000000000000L;
  static final long USE = 0x1;
  static final long MANAGE = 0x2;
  static final long CREATE = 0x8;
  private static final long TYPES = ~0xFFFFFFFFFL;

  record Rule(int id, long user, long resource, long rights) {
    String text() {
      return who(user)
          + " "
          + types(resource)
          + "/"
          + who(resource & 0xFFFFFFFFFL)
          + " "
          + rightNames(rights);
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private int nextId;

  SimAcl() {
    add(GROUP | 1, VM | IMAGE | TEMPLATE | ALL, CREATE);
    add(GROUP | 1, HOST | ALL, MANAGE);
    add(GROUP | 1, NET | ALL, USE);
    add(GROUP | 1, DATASTORE | ALL, USE);
  }

  List<Rule> rules() {
    return List.copyOf(rules);
  }

  /** one.acl.addrule: an existing rule is an INTERNAL error, as in OpenNebula. */
  int add(long user, long resource, long rights) {
    for (Rule r : rules) {
      if (r.user == user && r.resource == resource && r.rights == rights) {
        throw new SimError(
            SimError.INTERNAL,
            "Rule " + new Rule(r.id, user, resource, rights).text() + " already exists",
            -1);
      }
    }
    if ((resource & TYPES) == 0 || rights == 0) {
      throw new SimError(SimError.INTERNAL, "Rule is malformed: no resource type or rights", -1);
    }
    Rule rule = new Rule(nextId++, user, resource, rights);
    rules.add(rule);
    return rule.id;
  }

  void delete(int id) {
    if (!rules.removeIf(r -> r.id == id)) {
      throw new SimError(SimError.INTERNAL, "Rule " + id + " does not exist", id);
    }
  }

  /** Whether a rule lets the user (with its groups) have {@code right} on the object. */
  /** Removes every rule of one user or group ({@code INDIVIDUAL | id} or {@code GROUP | id}). */
  void deleteOf(long user) {
    rules.removeIf(r -> r.user == user);
  }

  boolean allows(SimModel.User u, long type, int objectId, int objectGid, long right) {
    if (u.isAdmin()) {
      return true;
    }
    for (Rule r : rules) {
      boolean who =
          (r.user & ALL) != 0
              || ((r.user & INDIVIDUAL) != 0 && (int) r.user == u.id)
              || ((r.user & GROUP) != 0 && u.groupIds.contains((int) r.user));
      boolean what =
          (r.resource & type) != 0
              && ((r.resource & ALL) != 0
                  || ((r.resource & INDIVIDUAL) != 0 && (int) r.resource == objectId)
                  || ((r.resource & GROUP) != 0 && (int) r.resource == objectGid));
      if (who && what && (r.rights & right) != 0) {
        return true;
      }
    }
    return false;
  }

  private static String who(long spec) {
    if ((spec & ALL) != 0) {
      return "*";
    }
    return ((spec & GROUP) != 0 ? "@" : "#") + (int) spec;
  }

  private static String types(long resource) {
    List<String> names = new ArrayList<>();
    if ((resource & VM) != 0) {
      names.add("VM");
    }
    if ((resource & HOST) != 0) {
      names.add("HOST");
    }
    if ((resource & NET) != 0) {
      names.add("NET");
    }
    if ((resource & IMAGE) != 0) {
      names.add("IMAGE");
    }
    if ((resource & TEMPLATE) != 0) {
      names.add("TEMPLATE");
    }
    if ((resource & DATASTORE) != 0) {
      names.add("DATASTORE");
    }
    if ((resource & SECGROUP) != 0) {
      names.add("SECGROUP");
    }
    return String.join("+", names);
  }

  private static String rightNames(long rights) {
    List<String> names = new ArrayList<>();
    String[] all = {"USE", "MANAGE", "ADMIN", "CREATE"};
    for (int i = 0; i < all.length; i++) {
      if ((rights & (1L << i)) != 0) {
        names.add(all[i]);
      }
    }
    return String.join("+", names);
  }

  static long parseHex(String value) {
    try {
      return Long.parseUnsignedLong(value.trim().toLowerCase(Locale.ROOT), 16);
    } catch (NumberFormatException e) {
      throw new SimError(SimError.INTERNAL, "Rule is malformed: " + value, -1);
    }
  }
}
