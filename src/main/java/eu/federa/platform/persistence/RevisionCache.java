package eu.federa.platform.persistence;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One value read from reference data, kept by a node with the {@link ReferenceRevision} it was read
 * at (and the inputs it was made of): given the same revision and inputs it is handed out again,
 * otherwise read anew. A value may also say until when it holds (a price list that comes into force
 * later). The values must be immutable: every request of the node shares them.
 *
 * <p>The revision is read before the value, so a change that commits in between is read with the
 * older revision and read again at the next request: never the other way round.
 *
 * @param <T> the value kept
 */
public final class RevisionCache<T> {

  /**
   * A value as read, and the first instant it no longer holds (null: until the revision moves).
   *
   * @param <T> the value
   */
  public record Read<T>(T value, Instant until) {

    public static <T> Read<T> always(T value) {
      return new Read<>(value, null);
    }
  }

  private record Kept<T>(long revision, Object inputs, Read<T> read) {}

  private volatile Kept<T> kept;

  /** The value at this revision, made of nothing else. */
  public T get(long revision, Instant now, Supplier<Read<T>> reader) {
    return get(revision, null, now, reader);
  }

  /**
   * The value at this revision made of these inputs (compared with {@code equals}; null for none):
   * the one kept while it matches and holds at {@code now}, otherwise read by {@code reader} (at
   * the same time by two requests, maybe: both read the same) and kept.
   */
  public T get(long revision, Object inputs, Instant now, Supplier<Read<T>> reader) {
    Kept<T> current = kept;
    if (current != null
        && current.revision() == revision
        && (current.inputs() == inputs || Objects.equals(current.inputs(), inputs))
        && (current.read().until() == null || now.isBefore(current.read().until()))) {
      return current.read().value();
    }
    Read<T> read = Objects.requireNonNull(reader.get(), "nothing read");
    kept = new Kept<>(revision, inputs, read);
    return read.value();
  }
}
