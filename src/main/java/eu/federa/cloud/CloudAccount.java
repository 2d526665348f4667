package eu.federa.cloud;

import java.util.List;

/**
 * A user or a group of a provider's OpenNebula.
 *
 * @param groupIds for a user, the groups they belong to (the first is their primary group); for a
 *     group, empty
 */
public record CloudAccount(int id, String name, List<Integer> groupIds) {

  public CloudAccount {
    groupIds = List.copyOf(groupIds);
  }
}
