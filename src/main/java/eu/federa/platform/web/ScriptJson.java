package eu.federa.platform.web;

/**
 * JSON made safe to stand inside an HTML {@code <script>} element (a chart's or a widget's
 * configuration): JSON escaping alone lets {@code </script>} through, which ends the script and
 * starts markup. Every {@code <}, {@code >} and {@code &} becomes its {@code \\u} escape (they can
 * only occur inside JSON strings, where the escape means the same character), and so do U+2028 and
 * U+2029, which end a line in older JavaScript. The one helper for every place where server data
 * lands in a script.
 */
public final class ScriptJson {

  private ScriptJson() {}

  /** The same JSON value, with nothing that an HTML parser or a script parser would act on. */
  public static String embed(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
