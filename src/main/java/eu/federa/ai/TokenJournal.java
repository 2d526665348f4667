package eu.federa.ai;

import eu.federa.billing.TokenRecord;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A node's journal of the token records of answered calls, in files of its own directory: a record
 * is appended (one line of JSON) before its call is answered, and written into the database a
 * moment later by {@link TokenMeter}. The answer therefore waits for a file write, not for a
 * database commit, and a node killed after answering leaves its records here, to be written when it
 * starts again (or by any node whose journal directory they are copied into).
 *
 * <p>Durability: a write is in the operating system's cache once {@link #append} returns, which a
 * killed process cannot lose. Against a power loss the files are forced to disk either before each
 * answer ({@code syncEach}, the forcing shared by the calls that end together) or every few
 * milliseconds by the caller of {@link #sync}.
 *
 * <p>Files are named {@code tokens-<epoch millis>-<sequence>-<random>.jsonl} and read oldest first.
 * A file is removed once every record of it is in the database and the node no longer writes to it.
 * Writing a record twice is harmless: the database keeps one per report key.
 */
public final class TokenJournal implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TokenJournal.class.getName());

  private static final String PREFIX = "tokens-";
  private static final String SUFFIX = ".jsonl";

  /** The most bytes one {@link #next} reads of a file. */
  private static final int READ_BYTES = 4 * 1024 * 1024;

  /**
   * A record with what its call counts against rate limits.
   *
   * @param spendKeyId the key whose tokens per minute are counted (null: the key has no limits)
   * @param spendProjectId the same for the key's project
   */
  public record Entry(TokenRecord record, Long spendKeyId, Long spendProjectId) {}

  /** Records read and not yet in the database, with where each file's reading got to. */
  public record Batch(List<Entry> entries, Map<Path, Long> readTo) {
    public boolean isEmpty() {
      return entries.isEmpty() && readTo.isEmpty();
    }
  }

  private final Path directory;
  private final long segmentBytes;
  private final boolean syncEach;
  private final Clock clock;

  /** Guards the file being written, its size and {@link #appended}. */
  private final Object writing = new Object();

  private FileChannel channel;
  private Path current;
  private long rotations;
  private long currentSize;

  /** Bytes appended since the journal opened, over every file. */
  private long appended;

  /** Up to where {@link #appended} is forced to disk. */
  private final AtomicLong forced = new AtomicLong();

  private final Object forcing = new Object();

  /** How far each file was read and written into the database (read by one reader at a time). */
  private final Map<Path, Long> readOffsets = new HashMap<>();

  /** The end of the last complete line of the file being written (what a reader may take). */
  private volatile long currentComplete;

  public TokenJournal(Path directory, long segmentBytes, boolean syncEach, Clock clock) {
    this.directory = directory;
    this.segmentBytes = segmentBytes;
    this.syncEach = syncEach;
    this.clock = clock;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the token journal's directory " + directory, e);
    }
  }

  public Path directory() {
    return directory;
  }

  /**
   * Appends a record; returns once it is in the file (and on disk, when each answer waits for
   * that).
   */
  public void append(Entry entry) throws IOException {
    byte[] line = (line(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    long end;
    synchronized (writing) {
      if (channel == null || currentSize >= segmentBytes) {
        rotate();
      }
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      currentSize += line.length;
      currentComplete = currentSize;
      appended += line.length;
      end = appended;
    }
    if (syncEach) {
      syncTo(end);
    }
  }

  /** Forces everything appended so far to disk. */
  public void sync() throws IOException {
    long end;
    synchronized (writing) {
      end = appended;
    }
    syncTo(end);
  }

  /**
   * Forces the journal to disk up to {@code end}: the calls that wait together share one forcing
   * (whoever forces takes everything appended by then).
   */
  private void syncTo(long end) throws IOException {
    if (forced.get() >= end) {
      return;
    }
    synchronized (forcing) {
      if (forced.get() >= end) {
        return;
      }
      FileChannel file;
      long target;
      synchronized (writing) {
        file = channel;
        target = appended;
      }
      try {
        file.force(false);
      } catch (ClosedChannelException rotated) {
        // A rotation forced and closed it, with everything up to target.
      }
      forced.accumulateAndGet(target, Math::max);
    }
  }

  /** A new file to write to; the last one is forced and closed. Holds {@link #writing}. */
  private void rotate() throws IOException {
    if (channel != null) {
      channel.force(false);
      channel.close();
      forced.accumulateAndGet(appended, Math::max);
    }
    current =
        directory.resolve(
            PREFIX
                + String.format("%015d-%06d", clock.millis(), ++rotations % 1_000_000)
                + "-"
                + UUID.randomUUID().toString().substring(0, 8)
                + SUFFIX);
    channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    currentSize = 0;
    currentComplete = 0;
    forceDirectory();
  }

  /** The new file's name on disk too (a power loss must not lose the file itself). */
  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      LOG.log(Level.FINE, e, () -> "Directory " + directory + " not forced");
    }
  }

  /**
   * The next records not yet in the database, oldest file first, at most {@code max}: of files left
   * by an earlier run of this node (or copied here from another), then of the file being written.
   * Only one reader may use the journal.
   */
  public Batch next(int max) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Map<Path, Long> readTo = new HashMap<>();
    Path writingNow;
    long writableEnd;
    synchronized (writing) {
      writingNow = current;
      writableEnd = currentComplete;
    }
    for (Path file : files()) {
      if (entries.size() >= max) {
        break;
      }
      long from = readOffsets.getOrDefault(file, 0L);
      long end;
      try {
        end = file.equals(writingNow) ? writableEnd : Files.size(file);
      } catch (NoSuchFileException gone) {
        continue;
      }
      if (from >= end) {
        if (!file.equals(writingNow)) {
          readTo.put(file, from); // read whole: removed by flushed()
        }
        continue;
      }
      long to = readLines(file, from, end, file.equals(writingNow), max - entries.size(), entries);
      readTo.put(file, to);
    }
    return new Batch(entries, readTo);
  }

  /** Reads whole lines of a file from {@code from}; returns the offset after the last one read. */
  private static long readLines(
      Path file, long from, long end, boolean beingWritten, int max, List<Entry> into)
      throws IOException {
    int length = (int) Math.min(READ_BYTES, end - from);
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buffer.hasRemaining() && in.read(buffer, from + buffer.position()) > 0) {
        // reads until the buffer is full or the file ends
      }
    }
    byte[] bytes = buffer.array();
    int filled = buffer.position();
    int start = 0;
    int taken = 0;
    for (int i = 0; i < filled && taken < max; i++) {
      if (bytes[i] == '\n') {
        String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
        try {
          into.add(parse(text));
          taken++;
        } catch (RuntimeException e) {
          LOG.warning(
              () -> "Token journal " + file + ": a line that is not a record is skipped: " + text);
        }
        start = i + 1;
      }
    }
    long to = from + start;
    if (taken < max && start < filled && filled == end - from && !beingWritten) {
      // The file ends in the middle of a line: a write cut off by a crash, never answered.
      LOG.warning(() -> "Token journal " + file + ": its last line is incomplete and is skipped");
      to = end;
    }
    return to;
  }

  /**
   * The batch is in the database: its files are read that far; files read whole that are no longer
   * written are removed.
   */
  public void flushed(Batch batch) throws IOException {
    Path writingNow;
    synchronized (writing) {
      writingNow = current;
    }
    for (Map.Entry<Path, Long> read : batch.readTo().entrySet()) {
      Path file = read.getKey();
      readOffsets.put(file, read.getValue());
      if (!file.equals(writingNow)) {
        long size;
        try {
          size = Files.size(file);
        } catch (NoSuchFileException gone) {
          readOffsets.remove(file);
          continue;
        }
        if (read.getValue() >= size) {
          Files.deleteIfExists(file);
          readOffsets.remove(file);
        }
      }
    }
  }

  /** The journal's files, oldest first. */
  List<Path> files() throws IOException {
    try (Stream<Path> listed = Files.list(directory)) {
      return listed
          .filter(
              p -> {
                String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
              })
          .sorted()
          .toList();
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (writing) {
      if (channel != null) {
        channel.force(false);
        channel.close();
        channel = null;
        current = null;
      }
    }
  }

  /** A record as one line of JSON (written straight by the generator, which escapes the texts). */
  static String line(Entry e) {
    TokenRecord r = e.record();
    StringWriter text = new StringWriter(320);
    try (JsonGenerator o = GatewayJson.PROVIDER.createGenerator(text)) {
      o.writeStartObject()
          .write("v", 2)
          .write("tenant", r.tenantId())
          .write("service", r.serviceId())
          .write("model", r.modelCode())
          .write("providerId", r.providerId())
          .write("provider", r.providerName())
          .write("country", r.countryCode())
          .write("startS", r.periodStart().getEpochSecond())
          .write("startN", r.periodStart().getNano())
          .write("endS", r.periodEnd().getEpochSecond())
          .write("endN", r.periodEnd().getNano())
          .write("in", r.inputTokens())
          .write("out", r.outputTokens())
          .write("estimated", r.estimated())
          .write("reportKey", r.reportKey());
      optional(o, "project", r.projectId());
      optional(o, "key", r.keyId());
      optional(o, "spendKey", e.spendKeyId());
      optional(o, "spendProject", e.spendProjectId());
      o.writeEnd();
    }
    return text.toString();
  }

  private static void optional(JsonGenerator o, String name, Long value) {
    if (value != null) {
      o.write(name, value);
    }
  }

  /** A line back into its record; throws when it is not one. */
  static Entry parse(String line) {
    JsonObject o;
    try (JsonReader reader = GatewayJson.PROVIDER.createReader(new StringReader(line))) {
      o = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    int version = o.getInt("v");
    if (version != 1 && version != 2) {
      throw new IllegalArgumentException("unknown version " + o.get("v"));
    }
    return new Entry(
        new TokenRecord(
            o.getJsonNumber("tenant").longValue(),
            optional(o, "project"),
            o.getJsonNumber("service").longValue(),
            optional(o, "key"),
            o.getString("model"),
            o.getJsonNumber("providerId").longValue(),
            o.getString("provider"),
            o.getString("country"),
            version == 1 ? Instant.parse(o.getString("start")) : instant(o, "start"),
            version == 1 ? Instant.parse(o.getString("end")) : instant(o, "end"),
            o.getJsonNumber("in").longValue(),
            o.getJsonNumber("out").longValue(),
            o.getBoolean("estimated"),
            ((JsonString) o.get("reportKey")).getString()),
        optional(o, "spendKey"),
        optional(o, "spendProject"));
  }

  /**
   * An instant of a version 2 line: its seconds since the epoch ({@code startS}) and nanoseconds
   * ({@code startN}). Version 1 wrote ISO-8601 text, whose parsing was most of the flusher's time
   * in the bench's profile; numbers of up to 18 digits are also read without a BigDecimal.
   */
  private static Instant instant(JsonObject o, String name) {
    return Instant.ofEpochSecond(
        o.getJsonNumber(name + "S").longValueExact(), o.getJsonNumber(name + "N").intValueExact());
  }

  private static Long optional(JsonObject o, String name) {
    JsonValue v = o.get(name);
    return v instanceof JsonNumber n ? n.longValue() : null;
  }
}
