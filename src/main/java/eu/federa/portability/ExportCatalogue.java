package eu.federa.portability;

import java.util.List;

/**
 * The published list of what an export bundle holds (Data Act Art. 25(2)(e), Art. 26): each file,
 * its format and, for JSON, the name of its schema. The switching page shows it; the bundle test
 * checks that every file a real bundle holds is in it.
 */
public final class ExportCatalogue {

  private ExportCatalogue() {}

  /**
   * One file of the bundle.
   *
   * @param schema its schema's name (JSON), null for other formats
   * @param descriptionKey what it holds, in the message bundle
   */
  public record Entry(String path, String format, String schema, String descriptionKey) {}

  public static final List<Entry> FILES =
      List.of(
          json("manifest"),
          json("organisation"),
          json("projects"),
          json("members"),
          json("membership-rules"),
          json("invitations"),
          json("vms"),
          json("ai-services"),
          json("energy"),
          json("volumes"),
          json("snapshots"),
          json("backups"),
          json("disks"),
          new Entry("disks/*.qcow2", "qcow2", null, "catalogue.diskFiles"),
          json("firewall-rules"),
          json("quota-limits"),
          json("quota-holdings"),
          json("invoices"),
          new Entry("invoices/*.csv, invoices/*.pdf", "CSV, PDF", null, "catalogue.invoiceFiles"),
          new Entry("usage-intervals.csv", "CSV", null, "catalogue.usage-intervals"),
          json("price-lists"),
          json("audit-log"));

  private static Entry json(String name) {
    return new Entry(name + ".json", "JSON", name, "catalogue." + name);
  }
}
