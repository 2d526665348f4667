package eu.federa.placement.api;

import eu.federa.placement.Decision;
import eu.federa.placement.PlacementForm;
import eu.federa.placement.PlacementService;
import eu.federa.placement.PlacementService.Preview;
import eu.federa.placement.ShortfallMessage;
import eu.federa.platform.i18n.SupportedLanguages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.ResourceBundle;

/** {@code POST /api/placement/preview}: where a workload would go, and why. Nothing is held. */
@Path("/placement")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlacementResource {

  @Inject PlacementService placement;
  @Context HttpHeaders headers;

  /**
   * @param placed whether every instance found a host
   * @param message when not placed: the constraint that could not be met, in the caller's language
   */
  public record PreviewAnswer(
      boolean placed,
      String message,
      List<Decision.Choice> choices,
      Decision.Explanation explanation,
      Decision.Shortfall shortfall) {}

  @POST
  @Path("preview")
  public PreviewAnswer preview(PlacementForm form) {
    PlacementForm body =
        form == null
            ? new PlacementForm(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null)
            : form;
    Preview preview = placement.preview(body);
    Decision decision = preview.decision();
    String message =
        decision.placed()
            ? null
            : ShortfallMessage.describe(
                decision.shortfall(),
                preview.request(),
                ResourceBundle.getBundle(
                    "eu.federa.platform.i18n.messages",
                    SupportedLanguages.bestFor(headers.getAcceptableLanguages())));
    return new PreviewAnswer(
        decision.placed(),
        message,
        decision.choices(),
        preview.explanation(),
        decision.shortfall());
  }
}
