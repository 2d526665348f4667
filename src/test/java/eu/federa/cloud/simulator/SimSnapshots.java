package eu.federa.cloud.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The snapshots of one disk, or of a persistent image between two VMs, the way OpenNebula keeps
 * them with {@code ALLOW_ORPHANS = DENY} (the dummy, shared and qcow2 drivers of a front-end built
 * from source): each new snapshot is a child of the active one and becomes active once taken; ids
 * are never reused; a revert makes a snapshot active. A persistent image's snapshots travel with
 * it: onto the disk of the VM it is attached to, and back to the image when it is detached.
 */
final class SimSnapshots {

  /** One snapshot: its parent (-1 for none), its children, and what it holds. */
  static final class Snap {
    final int id;
    final String name;
    final long sizeMib;
    final long date;
    int parent;
    final List<Integer> children = new ArrayList<>();

    Snap(int id, String name, long sizeMib, long date, int parent) {
      this.id = id;
      this.name = name;
      this.sizeMib = sizeMib;
      this.date = date;
      this.parent = parent;
    }
  }

  private final List<Snap> all = new ArrayList<>();
  private int next;
  private int active = -1;

  boolean isEmpty() {
    return all.isEmpty();
  }

  List<Snap> all() {
    return List.copyOf(all);
  }

  int active() {
    return active;
  }

  Optional<Snap> get(int id) {
    return all.stream().filter(s -> s.id == id).findFirst();
  }

  /** A new snapshot, child of the active one; not active until taken ({@link #activate}). */
  Snap create(String name, long sizeMib, long now) {
    Snap s = new Snap(next++, name, sizeMib, now, active);
    get(active).ifPresent(p -> p.children.add(s.id));
    all.add(s);
    return s;
  }

  void activate(int id) {
    active = id;
  }

  /** Removes a snapshot: its one child (if any) takes its place under its parent. */
  void remove(int id) {
    Snap s = get(id).orElseThrow();
    Optional<Snap> parent = get(s.parent);
    parent.ifPresent(p -> p.children.remove(Integer.valueOf(id)));
    if (s.children.size() == 1) {
      int childId = s.children.get(0);
      get(childId).ifPresent(c -> c.parent = s.parent);
      parent.ifPresent(p -> p.children.add(childId));
    }
    if (active == id) {
      active = s.parent;
    }
    all.remove(s);
  }

  /**
   * Why OpenNebula would refuse to delete snapshot {@code id} of a VM's disk ({@code
   * Snapshots::test_delete}, DENY); null when it may.
   */
  String refusalOnDisk(int id, boolean persistent) {
    Optional<Snap> found = get(id);
    if (found.isEmpty()) {
      return "Snapshot does not exist";
    }
    Snap s = found.get();
    if (persistent && id == 0) {
      return "Cannot delete snapshot 0 for persistent disk images";
    }
    if (s.children.size() > 1) {
      return "Cannot delete snapshot with more than one children";
    }
    if (s.children.isEmpty()) {
      return null;
    }
    if (active == id) {
      return "Cannot delete the active snapshot with children";
    }
    Snap child = get(s.children.get(0)).orElseThrow();
    if (child.children.size() > 1 || (child.children.size() == 1 && active == child.id)) {
      return "Cannot delete snapshot if child has children";
    }
    if (get(s.parent).map(p -> p.children.size() > 1).orElse(false)) {
      return "Cannot delete snapshot if parent has more than one child";
    }
    return null;
  }

  /**
   * Why OpenNebula would refuse to delete snapshot {@code id} of an image ({@code
   * Snapshots::test_delete_image}, DENY); null when it may.
   */
  String refusalOnImage(int id) {
    Optional<Snap> found = get(id);
    if (found.isEmpty()) {
      return "Snapshot does not exist";
    }
    if (active == id) {
      return "Cannot delete the active snapshot";
    }
    if (!found.get().children.isEmpty()) {
      return "Cannot delete snapshot with children";
    }
    return null;
  }

  /** Its SNAPSHOTS element, as a VM ({@code diskId} set) or an image (null) lists it. */
  void xml(SimXml x, Integer diskId) {
    x.open("SNAPSHOTS").el("ALLOW_ORPHANS", "DENY").el("CURRENT_BASE", -1);
    if (diskId != null) {
      x.el("DISK_ID", diskId);
    }
    x.el("NEXT_SNAPSHOT", next);
    for (Snap s : all) {
      x.open("SNAPSHOT");
      if (s.id == active) {
        x.el("ACTIVE", "YES");
      }
      if (!s.children.isEmpty()) {
        x.el("CHILDREN", String.join(",", s.children.stream().map(String::valueOf).toList()));
      }
      x.el("DATE", s.date)
          .el("ID", s.id)
          .el("NAME", s.name)
          .el("PARENT", s.parent)
          .el("SIZE", s.sizeMib)
          .close("SNAPSHOT");
    }
    x.close("SNAPSHOTS");
  }

  /** Each snapshot as a map (DISK_ID, ID, NAME, SIZE), for tests. */
  List<Map<String, String>> describe(int diskId) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Snap s : all) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("DISK_ID", Integer.toString(diskId));
      m.put("ID", Integer.toString(s.id));
      m.put("NAME", s.name);
      m.put("SIZE", Long.toString(s.sizeMib));
      m.put("ACTIVE", s.id == active ? "YES" : "NO");
      out.add(m);
    }
    return out;
  }
}
