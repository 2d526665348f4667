package eu.federa.cloud.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenNebula's template language: {@code KEY = "value"} or {@code KEY = value} lines and vector
 * attributes {@code NIC = [ NETWORK_ID = "0", IP = "10.0.0.5" ]}; a key may repeat (several NICs).
 */
final class TemplateText {

  /** Single attributes (last wins) and vector attributes (all kept, in order). */
  final Map<String, String> single = new LinkedHashMap<>();

  final Map<String, List<Map<String, String>>> vectors = new LinkedHashMap<>();

  static TemplateText parse(String text) {
    TemplateText t = new TemplateText();
    Parser p = new Parser(text == null ? "" : text);
    while (true) {
      p.skipSpace();
      if (p.atEnd()) {
        return t;
      }
      String key = p.word().toUpperCase();
      p.skipSpace();
      p.expect('=');
      p.skipSpace();
      if (p.peek() == '[') {
        p.next();
        Map<String, String> vector = new LinkedHashMap<>();
        while (true) {
          p.skipSpace();
          if (p.peek() == ']') {
            p.next();
            break;
          }
          String k = p.word().toUpperCase();
          p.skipSpace();
          p.expect('=');
          p.skipSpace();
          vector.put(k, p.value(true));
          p.skipSpace();
          if (p.peek() == ',') {
            p.next();
          }
        }
        t.vectors.computeIfAbsent(key, k -> new ArrayList<>()).add(vector);
      } else {
        t.single.put(key, p.value(false));
      }
    }
  }

  String get(String key, String fallback) {
    return single.getOrDefault(key, fallback);
  }

  List<Map<String, String>> vector(String key) {
    return vectors.getOrDefault(key, List.of());
  }

  /**
   * OpenNebula's {@code Template::merge}, as instantiation applies the extra template: every
   * attribute {@code other} names replaces all of this one's of that name, single or vector; a
   * vector without attributes is dropped.
   */
  TemplateText mergedWith(TemplateText other) {
    TemplateText merged = new TemplateText();
    merged.single.putAll(single);
    vectors.forEach((k, v) -> merged.vectors.put(k, new ArrayList<>(v)));
    for (String name : other.single.keySet()) {
      merged.vectors.remove(name);
    }
    for (String name : other.vectors.keySet()) {
      merged.single.remove(name);
      merged.vectors.remove(name);
    }
    merged.single.putAll(other.single);
    other.vectors.forEach(
        (k, list) -> {
          List<Map<String, String>> kept = list.stream().filter(v -> !v.isEmpty()).toList();
          if (!kept.isEmpty()) {
            merged.vectors.put(k, new ArrayList<>(kept));
          }
        });
    return merged;
  }

  void putAll(TemplateText other) {
    single.putAll(other.single);
    other.vectors.forEach((k, v) -> vectors.put(k, new ArrayList<>(v)));
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return i >= s.length();
    }

    char peek() {
      if (atEnd()) {
        throw new SimError(SimError.INTERNAL, "Parse error: unexpected end of template");
      }
      return s.charAt(i);
    }

    char next() {
      return s.charAt(i++);
    }

    void skipSpace() {
      while (!atEnd()) {
        char c = s.charAt(i);
        if (c == '#') {
          while (!atEnd() && s.charAt(i) != '\n') {
            i++;
          }
        } else if (Character.isWhitespace(c)) {
          i++;
        } else {
          return;
        }
      }
    }

    void expect(char c) {
      if (atEnd() || s.charAt(i) != c) {
        throw new SimError(
            SimError.INTERNAL, "Parse error: syntax error, expected '" + c + "' at position " + i);
      }
      i++;
    }

    String word() {
      int start = i;
      while (!atEnd() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        i++;
      }
      if (start == i) {
        throw new SimError(SimError.INTERNAL, "Parse error: syntax error at position " + i);
      }
      return s.substring(start, i);
    }

    String value(boolean inVector) {
      if (!atEnd() && s.charAt(i) == '"') {
        i++;
        StringBuilder out = new StringBuilder();
        // As OpenNebula's lexer: a backslash-quote does not end the string and stays as it is.
        while (!atEnd() && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
            out.append(s.charAt(i++));
          }
          out.append(s.charAt(i++));
        }
        expect('"');
        return out.toString();
      }
      int start = i;
      while (!atEnd()
          && s.charAt(i) != '\n'
          && !(inVector && (s.charAt(i) == ',' || s.charAt(i) == ']'))) {
        i++;
      }
      return s.substring(start, i).trim();
    }
  }
}
