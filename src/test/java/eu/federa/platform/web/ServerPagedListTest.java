package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.persistence.ResultPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

class ServerPagedListTest {

  /** The request being answered. */
  Object request = new Object();

  /** A list of 60 numbers that records each read it is asked for. */
  static final class Numbers implements ServerPagedList.PageReader<Integer> {
    final List<String> reads = new ArrayList<>();

    @Override
    public ResultPage<Integer> read(int first, int max, String sortField, boolean descending) {
      reads.add(
          first
              + "+"
              + max
              + (sortField == null ? "" : " " + sortField)
              + (descending ? " desc" : ""));
      List<Integer> all = IntStream.range(0, 60).map(i -> descending ? 59 - i : i).boxed().toList();
      return new ResultPage<>(all.subList(Math.min(first, 60), Math.min(first + max, 60)), 60);
    }
  }

  @Test
  void aTablesRenderReadsTheListOnce() {
    Numbers numbers = new Numbers();
    ServerPagedList<Integer> list = new ServerPagedList<>(numbers, 25, n -> n, () -> request);

    assertThat(list.count(Map.of())).isEqualTo(60);
    assertThat(list.load(0, 25, Map.of(), Map.of())).hasSize(25).first().isEqualTo(0);

    assertThat(numbers.reads).containsExactly("0+25");
  }

  @Test
  void aFirstPageReadByThePagesOneCallIsShownWithoutReadingAgainInThatRequestOnly() {
    Numbers numbers = new Numbers();
    ServerPagedList<Integer> list =
        new ServerPagedList<>(numbers, 25, n -> n, () -> request)
            .startingWith(new ResultPage<>(List.of(100, 101), 2));

    assertThat(list.count(Map.of())).isEqualTo(2);
    assertThat(list.load(0, 25, Map.of(), Map.of())).containsExactly(100, 101);
    assertThat(numbers.reads).isEmpty();

    request = new Object(); // the next request (a later page, a refresh) reads
    assertThat(list.count(Map.of())).isEqualTo(60);
    assertThat(list.load(0, 25, Map.of(), Map.of())).first().isEqualTo(0);
    assertThat(numbers.reads).containsExactly("0+25");

    // Read ahead in a request that then ends: the request after it does not take it.
    list.startingWith(new ResultPage<>(List.of(7), 1));
    request = new Object();
    assertThat(list.count(Map.of())).isEqualTo(60);
    assertThat(numbers.reads).containsExactly("0+25", "0+25");
  }

  @Test
  void anotherPageIsReadAnewAndExpectedNextTime() {
    Numbers numbers = new Numbers();
    ServerPagedList<Integer> list = new ServerPagedList<>(numbers, 25, n -> n, () -> request);
    list.count(Map.of());
    list.load(0, 25, Map.of(), Map.of());

    list.count(Map.of());
    assertThat(list.load(50, 25, Map.of(), Map.of()))
        .containsExactly(50, 51, 52, 53, 54, 55, 56, 57, 58, 59);
    list.count(Map.of());
    assertThat(list.load(50, 25, Map.of(), Map.of())).first().isEqualTo(50);

    assertThat(numbers.reads).containsExactly("0+25", "0+25", "50+25", "50+25");
  }

  @Test
  void aSortedPageIsNotAnsweredWithTheUnsortedOne() {
    Numbers numbers = new Numbers();
    ServerPagedList<Integer> list = new ServerPagedList<>(numbers, 25, n -> n, () -> request);
    SortMeta byName = SortMeta.builder().field("name").order(SortOrder.DESCENDING).build();

    list.count(Map.of());
    assertThat(list.load(0, 25, Map.of("name", byName), Map.of())).first().isEqualTo(59);

    assertThat(numbers.reads).containsExactly("0+25", "0+25 name desc");
  }

  @Test
  void aPageCountedInAnEarlierRequestIsReadAgain() {
    Numbers numbers = new Numbers();
    ServerPagedList<Integer> list = new ServerPagedList<>(numbers, 25, n -> n, () -> request);
    list.count(Map.of());

    request = new Object();
    list.load(0, 25, Map.of(), Map.of());

    assertThat(numbers.reads).containsExactly("0+25", "0+25");
  }

  @Test
  void aLoadWithoutACountBeforeItReadsFresh() {
    Numbers numbers = new Numbers();
    ServerPagedList<Integer> list = new ServerPagedList<>(numbers, 25, n -> n, () -> request);
    list.count(Map.of());
    list.load(0, 25, Map.of(), Map.of());

    list.load(0, 25, Map.of(), Map.of());

    assertThat(numbers.reads).containsExactly("0+25", "0+25");
  }
}
