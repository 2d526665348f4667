package eu.federa.platform.text;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A plain document on A4 pages, written top to bottom: lines of text and rows of cells at fixed
 * columns, a new page when one is full. The font is Liberation Sans (SIL Open Font License 1.1,
 * unpacked beside this class by the build), embedded as a subset of the letters used, so that every
 * letter of the EU's Latin alphabets prints as itself (Polish ł and ą, Croatian đ and č, Czech ř)
 * and the text can be copied out of the PDF. What Federa's documents (invoices, erasure records)
 * are printed with.
 */
public final class PdfPages implements AutoCloseable {

  private static final float MARGIN = 50;
  private static final byte[] REGULAR = font("liberation/LiberationSans-Regular.ttf");
  private static final byte[] BOLD = font("liberation/LiberationSans-Bold.ttf");

  /** The letters the font has (both weights have the same), read once. */
  private static final org.apache.fontbox.ttf.CmapLookup LETTERS = letters(REGULAR);

  private final PDDocument doc = new PDDocument();
  private final float[] columns;
  private final PDType0Font regular;
  private final PDType0Font bold;
  private PDPageContentStream content;
  private float y;

  /**
   * @param columns where each cell of a row starts, in points from the left margin
   */
  public PdfPages(float... columns) {
    this.columns = columns.clone();
    try {
      regular = PDType0Font.load(doc, new ByteArrayInputStream(REGULAR), true);
      bold = PDType0Font.load(doc, new ByteArrayInputStream(BOLD), true);
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
   * What the document's font can print: every character it has a letter for is kept (all of the
   * EU's Latin alphabets, the euro sign, typographic quotes and dashes, Greek and Cyrillic); a
   * letter it lacks prints as its base letter where the font has that, else as {@code ?}; control
   * characters as {@code ?}.
   */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (c >= 32 && c != 127 && has(c)) {
                out.appendCodePoint(c);
                return;
              }
              String base =
                  Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFD);
              int first = base.codePointAt(0);
              out.appendCodePoint(first >= 32 && first != 127 && has(first) ? first : '?');
            });
    return out.toString();
  }

  private static boolean has(int codePoint) {
    return LETTERS.getGlyphId(codePoint) != 0;
  }

  private static byte[] font(String name) {
    try (InputStream in = PdfPages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "The PDF font " + name + " is missing beside " + PdfPages.class.getName());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static org.apache.fontbox.ttf.CmapLookup letters(byte[] font) {
    try {
      TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
      return ttf.getUnicodeCmapLookup();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
