package eu.federa.cloud.simulator;

import java.util.Map;
import java.util.function.Function;

/**
 * OpenNebula's SCHED_REQUIREMENTS expressions, the subset Federa sends and a little more: {@code
 * =}, {@code !=}, {@code >}, {@code <}, {@code @>} (contains), {@code &}, {@code |}, {@code !},
 * parentheses; string comparisons are globs ({@code *}). There is no {@code >=} or {@code <=}: like
 * OpenNebula, such an expression does not parse and the VM stays PENDING.
 */
final class SchedRequirements {

  private final String text;
  private int i;
  private final Function<String, String> variables;

  private SchedRequirements(String text, Function<String, String> variables) {
    this.text = text;
    this.variables = variables;
  }

  /**
   * @throws IllegalArgumentException when the expression does not parse
   */
  static boolean holds(String expression, Map<String, String> hostVariables) {
    if (expression == null || expression.isBlank()) {
      return true;
    }
    SchedRequirements parser = new SchedRequirements(expression, hostVariables::get);
    boolean result = parser.or();
    parser.space();
    if (parser.i < parser.text.length()) {
      throw new IllegalArgumentException(
          "syntax error at position " + parser.i + " of " + expression);
    }
    return result;
  }

  private boolean or() {
    boolean value = and();
    while (consume("|")) {
      boolean right = and();
      value = value || right;
    }
    return value;
  }

  private boolean and() {
    boolean value = unary();
    while (consume("&")) {
      boolean right = unary();
      value = value && right;
    }
    return value;
  }

  private boolean unary() {
    if (consume("!")) {
      return !unary();
    }
    if (consume("(")) {
      boolean value = or();
      if (!consume(")")) {
        throw new IllegalArgumentException("missing ) in " + text);
      }
      return value;
    }
    return comparison();
  }

  private boolean comparison() {
    String variable = token();
    String op;
    if (consume("@>")) {
      op = "@>";
    } else if (consume("!=")) {
      op = "!=";
    } else if (peek(">=") || peek("<=")) {
      throw new IllegalArgumentException("operator >= or <= is not supported in " + text);
    } else if (consume("=")) {
      op = "=";
    } else if (consume(">")) {
      op = ">";
    } else if (consume("<")) {
      op = "<";
    } else {
      throw new IllegalArgumentException("missing operator after " + variable);
    }
    String expected = token();
    String actual = variables.apply(variable.toUpperCase());
    if (actual == null) {
      return op.equals("!=");
    }
    return switch (op) {
      case "=" -> equal(actual, expected);
      case "!=" -> !equal(actual, expected);
      case ">" -> number(actual) > number(expected);
      case "<" -> number(actual) < number(expected);
      default -> actual.contains(expected);
    };
  }

  private static boolean equal(String actual, String expected) {
    try {
      return Double.parseDouble(actual) == Double.parseDouble(expected);
    } catch (NumberFormatException e) {
      String regex = ("\\Q" + expected + "\\E").replace("*", "\\E.*\\Q");
      return actual.matches(regex);
    }
  }

  private static double number(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private String token() {
    space();
    if (i < text.length() && text.charAt(i) == '"') {
      int end = text.indexOf('"', i + 1);
      if (end < 0) {
        throw new IllegalArgumentException("unterminated string in " + text);
      }
      String value = text.substring(i + 1, end);
      i = end + 1;
      return value;
    }
    int start = i;
    while (i < text.length() && "=!<>&|()@ \t\"".indexOf(text.charAt(i)) < 0) {
      i++;
    }
    if (start == i) {
      throw new IllegalArgumentException("syntax error at position " + i + " of " + text);
    }
    return text.substring(start, i);
  }

  private boolean consume(String symbol) {
    space();
    if (text.startsWith(symbol, i)) {
      i += symbol.length();
      return true;
    }
    return false;
  }

  private boolean peek(String symbol) {
    space();
    return text.startsWith(symbol, i);
  }

  private void space() {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
  }
}
