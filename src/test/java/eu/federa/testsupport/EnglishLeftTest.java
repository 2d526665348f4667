package eu.federa.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk's check for the portal's English on a page in another language finds what it should. */
class EnglishLeftTest {

  private final EnglishLeft german = EnglishLeft.against("de");

  @Test
  void aSingleWordOfThePortalsEnglishIsFound() {
    assertThat(german.in(List.of("disabled", " State ", "No rows\u00a0to show.")))
        .containsExactly("disabled", "State", "No rows to show.");
  }

  @Test
  void aMessageWithValuesIsFoundWhateverTheValues() {
    assertThat(
            german.in(
                List.of(
                    "You signed in with your organisation's account (Nordlicht Research), but no"
                        + " rule links it to an organisation on Federa.")))
        .hasSize(1)
        .allSatisfy(found -> assertThat(found).contains("({0})"));
  }

  @Test
  void germanAndWhatGermanWritesAlikeAreNotEnglish() {
    assertThat(
            german.in(
                List.of(
                    "deaktiviert",
                    "Status",
                    "Netto",
                    "Sie haben sich mit dem Konto Ihrer Organisation (Nordlicht Research)"
                        + " angemeldet, aber keine Regel verknüpft es mit einer Organisation in"
                        + " Federa.",
                    "Acme Analytics SAS",
                    "42",
                    "·")))
        .isEmpty();
  }

  @Test
  void aTextHoldingEnglishAmongOtherWordsIsNotAWholeMessage() {
    assertThat(german.in(List.of("Status: disabled since Monday"))).isEmpty();
  }

  @Test
  void aSentenceOfEnglishIsFoundWhereverItComesFromAndAWordOrANameIsNot() {
    assertThat(
            EnglishLeft.against("de")
                .sentences(
                    List.of(
                        "The provider could not be reached",
                        "Acme Analytics",
                        "Warsaw",
                        "Die Verbindung ist nicht sicher",
                        "Ten klucz nie jest kluczem SSH")))
        .containsExactly("English left: The provider could not be reached");
  }

  /** Dutch "is" and "of" (or) are two of English's small words, and Dutch words too. */
  @Test
  void aSentenceOfALanguageSharingEnglishsSmallWordsIsNotEnglish() {
    assertThat(
            EnglishLeft.against("nl")
                .sentences(
                    List.of(
                        "De link is misschien verkeerd getypt of verouderd.",
                        "The provider could not be reached")))
        .containsExactly("English left: The provider could not be reached");
    assertThat(EnglishLeft.against("de").sentences(List.of("The link is old or wrong"))).hasSize(1);
  }

  @Test
  void facesOwnEnglishIsFoundInALanguageFacesDoesNotSpeak() {
    assertThat(
            EnglishLeft.against("pl")
                .in(List.of("vCPU: 'many' must be a number consisting of one or more digits.")))
        .hasSize(1);
    assertThat(
            EnglishLeft.against("pl")
                .sentences(
                    List.of("vCPU: 'many' must be a number between -2147483648 and 2147483647")))
        .hasSize(1);
  }

  @Test
  void aStateShownAsTheCodeNamesItIsFoundUnlessTheLanguageWritesItSo() {
    CodeNames german = CodeNames.against("de");
    assertThat(german.in(List.of("INFERENCE", "HALF_OPEN", "Inferenz", "TCP", "Acme")))
        .containsExactly("INFERENCE", "HALF_OPEN");
  }
}
