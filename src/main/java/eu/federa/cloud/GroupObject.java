package eu.federa.cloud;

/**
 * An object of a provider's OpenNebula that belongs to a group (by its GID): what a tenant leaves
 * at the provider, as its erasure lists and deletes it.
 *
 * @param kind what it is: {@code VM}, {@code TEMPLATE}, {@code IMAGE}, {@code NET}, {@code
 *     SECGROUP} or {@code MARKETPLACEAPP}
 */
public record GroupObject(String kind, int id, String name, int groupId) {

  /** How it is named in a record: {@code IMAGE 42 "federa-volume-7"}. */
  public String label() {
    return kind + " " + id + " \"" + name + "\"";
  }
}
