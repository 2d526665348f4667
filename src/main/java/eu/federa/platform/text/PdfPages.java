package eu.federa.platform.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A plain document on A4 pages, written top to bottom: lines of text and rows of cells at fixed
 * columns, a new page when one is full; the standard Helvetica fonts. What Federa's documents
 * (invoices, erasure records) are printed with.
 */
public final class PdfPages implements AutoCloseable {

  private static final float MARGIN = 50;

  private final PDDocument doc = new PDDocument();
  private final float[] columns;
  private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private PDPageContentStream content;
  private float y;

  /**
   * @param columns where each cell of a row starts, in points from the left margin
   */
  public PdfPages(float... columns) {
    this.columns = columns.clone();
    try {
      newPage();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void newPage() throws IOException {
    if (content != null) {
      content.close();
    }
    PDPage page = new PDPage(PDRectangle.A4);
    doc.addPage(page);
    content = new PDPageContentStream(doc, page);
    y = page.getMediaBox().getHeight() - MARGIN;
  }

  /** Leaves some space. */
  public void gap(float points) {
    y -= points;
  }

  /** One line of text. */
  public void text(float size, boolean strong, String text) {
    row(size, strong, new float[] {0}, new String[] {text});
  }

  /** Text wrapped at about {@code width} characters, a line each. */
  public void paragraph(float size, String text, int width) {
    for (String line : wrap(text, width)) {
      text(size, false, line);
    }
  }

  /** One row of cells at the document's columns (an empty cell is skipped). */
  public void columns(float size, String[] cells) {
    row(size, false, columns, cells);
  }

  private void row(float size, boolean strong, float[] at, String[] cells) {
    try {
      if (y < MARGIN + size) {
        newPage();
      }
      y -= size + 3;
      for (int i = 0; i < cells.length; i++) {
        if (cells[i] == null || cells[i].isEmpty()) {
          continue;
        }
        content.beginText();
        content.setFont(strong ? bold : regular, size);
        content.newLineAtOffset(MARGIN + at[i], y);
        content.showText(printable(cells[i]));
        content.endText();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document's bytes; it is closed. */
  public byte[] bytes() {
    try {
      content.close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    try {
      doc.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        while (word.length() > width) {
          if (!line.isEmpty()) {
            lines.add(line.toString());
            line.setLength(0);
          }
          lines.add(word.substring(0, width));
          word = word.substring(width);
        }
        if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
          lines.add(line.toString());
          line.setLength(0);
        }
        if (!line.isEmpty()) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * What the standard PDF fonts can print: letters and typographic marks are kept where WinAnsi has
   * them (é, š, ž, ’, „, –); other letters of the EU's Latin alphabets print as their base letter
   * (Polish ł and ą, Croatian đ and č).
   */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder();
    java.nio.charset.CharsetEncoder winAnsi =
        java.nio.charset.Charset.forName("windows-1252").newEncoder();
    for (char c : text.toCharArray()) {
      if (c >= 32 && c != 127 && winAnsi.canEncode(c)) {
        out.append(c);
        continue;
      }
      switch (c) {
        case '\u0141' -> out.append('L');
        case '\u0142' -> out.append('l');
        case '\u0110' -> out.append('D');
        case '\u0111' -> out.append('d');
        default -> {
          String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
          char first = base.charAt(0);
          out.append(first >= 32 && first < 127 ? first : '?');
        }
      }
    }
    return out.toString();
  }
}
