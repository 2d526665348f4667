package eu.federa.ai;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * Tokens of one request: from the answer's {@code usage} when the model server reports it, else
 * estimated (about four characters of text per token, the rule of thumb of BPE tokenizers on
 * European languages) and marked so on the record.
 */
public record TokenCount(long inputTokens, long outputTokens, boolean estimated) {

  public TokenCount {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("negative token count");
    }
  }

  public long total() {
    return inputTokens + outputTokens;
  }

  /**
   * The {@code usage} object of an answer or a stream's last chunk: {@code prompt_tokens} and
   * {@code completion_tokens} (embeddings report only prompt tokens).
   */
  static Optional<TokenCount> reported(JsonObject answer) {
    JsonValue usage = answer.get("usage");
    if (!(usage instanceof JsonObject u)) {
      return Optional.empty();
    }
    Long prompt = whole(u.get("prompt_tokens"));
    Long completion = whole(u.get("completion_tokens"));
    if (prompt == null && completion == null) {
      return Optional.empty();
    }
    return Optional.of(
        new TokenCount(prompt == null ? 0 : prompt, completion == null ? 0 : completion, false));
  }

  private static Long whole(JsonValue v) {
    if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
      return n.longValue();
    }
    return null;
  }

  /** Estimated tokens of a text. */
  static long estimate(int characters) {
    return characters == 0 ? 0 : (characters + 3) / 4;
  }

  /**
   * The characters of what a request asks the model to read: the messages' contents (text parts of
   * multi-part contents), or the prompt, or the input of an embedding.
   */
  static int promptCharacters(JsonObject request) {
    int chars = 0;
    if (request.get("messages") instanceof JsonArray messages) {
      for (JsonValue m : messages) {
        if (m instanceof JsonObject message) {
          chars += textCharacters(message.get("content"));
        }
      }
    }
    chars += textCharacters(request.get("prompt"));
    chars += textCharacters(request.get("input"));
    return chars;
  }

  /** The characters of what an answer's choices say (message content or text). */
  static int answerCharacters(JsonObject answerOrChunk) {
    int chars = 0;
    if (answerOrChunk.get("choices") instanceof JsonArray choices) {
      for (JsonValue c : choices) {
        if (c instanceof JsonObject choice) {
          chars += textCharacters(choice.get("text"));
          if (choice.get("message") instanceof JsonObject m) {
            chars += textCharacters(m.get("content"));
          }
          if (choice.get("delta") instanceof JsonObject d) {
            chars += textCharacters(d.get("content"));
          }
        }
      }
    }
    return chars;
  }

  private static int textCharacters(JsonValue v) {
    if (v instanceof JsonString s) {
      return s.getString().length();
    }
    int chars = 0;
    if (v instanceof JsonArray parts) {
      for (JsonValue p : parts) {
        if (p instanceof JsonString s) {
          chars += s.getString().length();
        } else if (p instanceof JsonObject part && part.get("text") instanceof JsonString t) {
          chars += t.getString().length();
        }
      }
    }
    return chars;
  }
}
