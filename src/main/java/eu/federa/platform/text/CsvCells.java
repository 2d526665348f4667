package eu.federa.platform.text;

import java.util.List;

/**
 * CSV as Federa writes it (invoices, export bundles): comma-separated, CRLF line ends, UTF-8, and
 * every cell made safe for the spreadsheet that opens it.
 */
public final class CsvCells {

  private CsvCells() {}

  /**
   * One CSV cell (ASVS 1.2.10): text that a spreadsheet would read as a formula (a leading {@code =
   * + - @}, tab or carriage return) is prefixed with an apostrophe, numbers stay numbers, and a
   * cell with a separator, a quote or a line break is quoted.
   */
  public static String cell(String value) {
    String cell = value == null ? "" : value;
    if (!cell.isEmpty()
        && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0
        && !cell.matches("-?[0-9]+(\\.[0-9]+)?")) {
      cell = "'" + cell;
    }
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      cell = "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }

  /** One row: its cells, made safe and separated, then CRLF. */
  public static String row(List<String> cells) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    return out.append("\r\n").toString();
  }
}
