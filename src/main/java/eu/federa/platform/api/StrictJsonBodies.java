package eu.federa.platform.api;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.TextRules;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Reads every JSON request body of the API into its record, strictly (issue #13, finding 5): a
 * string field takes only a JSON string, a whole-number field only an integral number in range, a
 * list only a list without nulls, and so on; unknown fields, bodies that are not one JSON object,
 * strings with control or text-direction characters, over-long strings and over-long lists are
 * refused. Each problem becomes a 400 naming its field, before any use case runs. (The JSON-B
 * default turned {@code 1.5} into the id 1 and {@code true} into the name "true".)
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class StrictJsonBodies implements MessageBodyReader<Record> {

  /** No body of the API is larger; anything bigger is refused unread. */
  static final int MAX_BODY_BYTES = 256 * 1024;

  /** Longer than any text field of the API (each use case has its own, lower limit). */
  static final int MAX_STRING = 10_000;

  /** More items than any list of the API may hold. */
  static final int MAX_ITEMS = 1_000;

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type.isRecord();
  }

  @Override
  public Record readFrom(
      Class<Record> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream)
      throws IOException {
    byte[] body = entityStream.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new InvalidInputException(FieldError.of(null, "api.error.bodySize", MAX_BODY_BYTES));
    }
    JsonValue value;
    try (JsonParser parser =
        Json.createParser(
            new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
      parser.next();
      value = parser.getValue();
      if (parser.hasNext()) {
        throw new InvalidInputException(FieldError.of(null, "api.error.body")); // e.g. "{} {}"
      }
    } catch (JsonException | NoSuchElementException | IllegalStateException e) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    if (!(value instanceof JsonObject object)) {
      throw new InvalidInputException(FieldError.of(null, "api.error.body"));
    }
    return bind(type, object);
  }

  /** The record {@code type} with the fields of {@code object}, or every problem found. */
  static <T extends Record> T bind(Class<T> type, JsonObject object) {
    RecordComponent[] components = type.getRecordComponents();
    List<FieldError> errors = new ArrayList<>();
    Set<String> known = new HashSet<>();
    Object[] arguments = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      known.add(component.getName());
      types[i] = component.getType();
      JsonValue value = object.get(component.getName());
      arguments[i] = value(component.getName(), component.getGenericType(), value, errors);
    }
    for (String name : object.keySet()) {
      if (!known.contains(name)) {
        errors.add(FieldError.of(abbreviated(name), "api.error.unknownField"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    try {
      Constructor<T> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot build " + type.getName(), e);
    }
  }

  private static Object value(String field, Type type, JsonValue value, List<FieldError> errors) {
    Class<?> raw = raw(type);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return raw.isPrimitive() ? primitiveDefault(raw) : null;
    }
    if (raw == String.class) {
      if (!(value instanceof JsonString string)) {
        return wrongType(field, "text", errors);
      }
      return text(field, string.getString(), errors);
    }
    if (raw == Long.class || raw == long.class || raw == Integer.class || raw == int.class) {
      if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
        return wrongType(field, "integer", errors);
      }
      BigDecimal decimal = number.bigDecimalValue();
      boolean isLong = raw == Long.class || raw == long.class;
      BigDecimal min = BigDecimal.valueOf(isLong ? Long.MIN_VALUE : Integer.MIN_VALUE);
      BigDecimal max = BigDecimal.valueOf(isLong ? Long.MAX_VALUE : Integer.MAX_VALUE);
      if (decimal.compareTo(min) < 0 || decimal.compareTo(max) > 0) {
        errors.add(FieldError.of(field, "api.error.range"));
        return raw.isPrimitive() ? primitiveDefault(raw) : null;
      }
      return isLong ? (Object) decimal.longValueExact() : (Object) decimal.intValueExact();
    }
    if (raw == BigDecimal.class) {
      // Money: exact, as sent; the use case checks its range and scale. A huge exponent is refused
      // here, before anything computes with it.
      if (!(value instanceof JsonNumber number)) {
        return wrongType(field, "number", errors);
      }
      BigDecimal decimal = number.bigDecimalValue();
      if (decimal.precision() - decimal.scale() > 18 || decimal.scale() > 18) {
        errors.add(FieldError.of(field, "api.error.range"));
        return null;
      }
      return decimal;
    }
    if (raw == Double.class || raw == double.class) {
      if (!(value instanceof JsonNumber number)) {
        return wrongType(field, "number", errors);
      }
      double d = number.doubleValue();
      if (Double.isInfinite(d) || Double.isNaN(d)) {
        errors.add(FieldError.of(field, "api.error.range"));
        return raw.isPrimitive() ? 0d : null;
      }
      return d;
    }
    if (raw == Boolean.class || raw == boolean.class) {
      if (value.getValueType() == JsonValue.ValueType.TRUE) {
        return Boolean.TRUE;
      }
      if (value.getValueType() == JsonValue.ValueType.FALSE) {
        return Boolean.FALSE;
      }
      wrongType(field, "boolean", errors);
      return raw.isPrimitive() ? false : null;
    }
    if (raw == List.class && type instanceof ParameterizedType list) {
      if (!(value instanceof JsonArray array)) {
        return wrongType(field, "list", errors);
      }
      if (array.size() > MAX_ITEMS) {
        errors.add(FieldError.of(field, "api.error.tooMany", MAX_ITEMS));
        return null;
      }
      Type item = list.getActualTypeArguments()[0];
      List<Object> items = new ArrayList<>();
      int before = errors.size();
      for (JsonValue element : array) {
        if (element.getValueType() == JsonValue.ValueType.NULL) {
          errors.add(FieldError.of(field, "api.error.nullItem"));
          break;
        }
        items.add(value(field, item, element, errors));
        if (errors.size() > before) {
          break; // one message per list is enough
        }
      }
      return List.copyOf(items.stream().filter(Objects::nonNull).toList());
    }
    if (raw.isEnum()) {
      // One of the constants' names, exactly; anything else names the field.
      if (!(value instanceof JsonString name)) {
        return wrongType(field, "text", errors);
      }
      for (Object constant : raw.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(name.getString())) {
          return constant;
        }
      }
      errors.add(FieldError.of(field, "api.error.choice"));
      return null;
    }
    if (raw.isRecord()) {
      // A nested object (an order's placement choices): bound as strictly, its problems named
      // under the field ("placement.strategy").
      if (!(value instanceof JsonObject object)) {
        return wrongType(field, "object", errors);
      }
      try {
        return bind(raw.asSubclass(Record.class), object);
      } catch (InvalidInputException nested) {
        for (FieldError e : nested.errors()) {
          errors.add(
              new FieldError(
                  e.field() == null ? field : field + "." + e.field(),
                  e.messageKey(),
                  e.arguments()));
        }
        return null;
      }
    }
    throw new IllegalStateException("No strict JSON binding for " + type + " (" + field + ")");
  }

  private static String text(String field, String text, List<FieldError> errors) {
    if (text.length() > MAX_STRING) {
      errors.add(FieldError.of(field, "form.error.length", 0, MAX_STRING));
      return null;
    }
    if (!TextRules.isClean(text, true)) {
      errors.add(FieldError.of(field, "form.error.characters"));
      return null;
    }
    return text;
  }

  private static Object wrongType(String field, String expected, List<FieldError> errors) {
    errors.add(FieldError.of(field, "api.error.type." + expected));
    return null;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("No strict JSON binding for " + type);
  }

  private static Object primitiveDefault(Class<?> primitive) {
    if (primitive == boolean.class) {
      return false;
    }
    if (primitive == long.class) {
      return 0L;
    }
    if (primitive == int.class) {
      return 0;
    }
    return 0d;
  }

  private static String abbreviated(String name) {
    String clean =
        name.codePoints()
            .filter(c -> c >= 0x20 && c < 0x7f)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
  }
}
