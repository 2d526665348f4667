package eu.federa.audit;

import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.text.CsvCells;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.transaction.Transactional;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The audit trail as a file, oldest entry first: CSV (spreadsheet-safe cells) or JSON. Entries are
 * read from the database as they are written out, so an export of millions holds a few thousand in
 * memory at a time. Each export is audited when it is asked for, before its first byte.
 */
@ApplicationScoped
public class AuditTrailExport {

  /** The export's file format. */
  public enum Format {
    CSV("text/csv; charset=UTF-8"),
    JSON("application/json");

    private final String mediaType;

    Format(String mediaType) {
      this.mediaType = mediaType;
    }

    public String mediaType() {
      return mediaType;
    }

    public String extension() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code csv} (also when absent) or {@code json}, in any case. */
    static Format parse(String text) {
      if (text == null || text.isBlank()) {
        return CSV;
      }
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        throw new InvalidInputException(FieldError.of("format", "audit.filter.error.format"));
      }
    }
  }

  /**
   * An export as asked for, its fields as typed (the API's query parameters): the format, then the
   * filter ({@link AuditFilter#parse}). Read only once the caller may export.
   */
  public record Request(
      String format, String from, String to, String actor, String action, String tenant) {}

  /** An export asked for and audited: its format, and its bytes, written when wanted. */
  public record Download(Format format, Body body) {
    @FunctionalInterface
    public interface Body {
      void writeTo(OutputStream out) throws IOException;
    }

    public void writeTo(OutputStream out) throws IOException {
      body.writeTo(out);
    }
  }

  static final List<String> COLUMNS =
      List.of(
          "id",
          "occurred_at",
          "tenant_id",
          "actor_subject",
          "actor_name",
          "action",
          "outcome",
          "target",
          "detail",
          "client_address");

  @Inject AuditLog log;
  @Inject AuditTrailExport self;
  @Inject CurrentUser caller;
  @Inject Clock clock;

  /** The whole federation's trail, as filtered (platform admins). */
  @Transactional
  public Download all(Request request) {
    caller.requirePlatformAdmin();
    return asked(request, null);
  }

  /**
   * One tenant's trail, as filtered. Reading a tenant's trail is a tenant admin's right: callers
   * check it before asking (tenancy, which knows the roles).
   */
  @Transactional
  public Download ofTenant(long tenantId, Request request) {
    return asked(request, tenantId);
  }

  /** Reads the request (a tenant's export ignores its tenant field), audits it, and answers. */
  private Download asked(Request request, Long onlyTenant) {
    Format format = Format.parse(request.format());
    AuditFilter asked =
        AuditFilter.parse(
            request.from(),
            request.to(),
            request.actor(),
            request.action(),
            onlyTenant == null ? request.tenant() : null);
    AuditFilter filter = onlyTenant == null ? asked : asked.inTenant(onlyTenant);
    log.success(
        AuditAction.AUDIT_EXPORTED,
        filter.tenantId(),
        AuditTarget.Word.AUDIT_TRAIL.text(),
        AuditDetail.TRAIL_EXPORTED.text(format, filter.describe()));
    return new Download(format, out -> self.write(filter, format, out));
  }

  /** Writes the entries; one read-only transaction for the whole file. */
  @Transactional
  public void write(AuditFilter filter, Format format, OutputStream out) throws IOException {
    Writer text =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    try (Stream<AuditEntry> entries = log.stream(filter, " order by e.occurredAt, e.id")) {
      if (format == Format.CSV) {
        csv(entries, text);
      } else {
        json(filter, entries, text);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause(); // the client went away
    }
    text.flush();
  }

  private static void csv(Stream<AuditEntry> entries, Writer out) throws IOException {
    out.write(CsvCells.row(COLUMNS));
    entries.forEach(
        e -> {
          try {
            out.write(
                CsvCells.row(
                    List.of(
                        Long.toString(e.id()),
                        e.occurredAt().toString(),
                        e.tenantId() == null ? "" : e.tenantId().toString(),
                        nullToEmpty(e.actorSubject()),
                        nullToEmpty(e.actorName()),
                        e.action().name(),
                        e.outcome().name(),
                        nullToEmpty(e.target()),
                        nullToEmpty(e.detail()),
                        nullToEmpty(e.clientAddress()))));
          } catch (IOException failed) {
            throw new UncheckedIOException(failed);
          }
        });
  }

  private void json(AuditFilter filter, Stream<AuditEntry> entries, Writer out) {
    JsonGenerator json = Json.createGenerator(out);
    json.writeStartObject()
        .write("exportedAt", clock.instant().toString())
        .write("filter", filter.describe())
        .writeStartArray("entries");
    long[] count = {0};
    entries.forEach(
        e -> {
          json.writeStartObject()
              .write("id", e.id())
              .write("occurredAt", e.occurredAt().toString());
          optional(json, "tenantId", e.tenantId());
          optional(json, "actorSubject", e.actorSubject());
          optional(json, "actorName", e.actorName());
          json.write("action", e.action().name()).write("outcome", e.outcome().name());
          optional(json, "target", e.target());
          optional(json, "detail", e.detail());
          optional(json, "clientAddress", e.clientAddress());
          json.writeEnd();
          count[0]++;
        });
    json.writeEnd().write("count", count[0]).writeEnd();
    json.flush();
  }

  private static void optional(JsonGenerator json, String name, Object value) {
    if (value == null) {
      json.writeNull(name);
    } else if (value instanceof Long number) {
      json.write(name, number);
    } else {
      json.write(name, value.toString());
    }
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
