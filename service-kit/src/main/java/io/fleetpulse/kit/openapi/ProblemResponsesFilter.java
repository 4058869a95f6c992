package io.fleetpulse.kit.openapi;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.fleetpulse.kit.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Every operation's error answers as the kit's mappers send them: each 4xx/5xx response is
 * {@code application/problem+json} of the {@code Problem} schema (examples a resource gives are kept), 429 and 503 carry
 * {@code Retry-After}, a secured operation documents 401 and 403, and every operation its 500. Runs at build time, so
 * the document stored under {@code docs/api} and the one served at {@code /q/openapi} are the same.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                document(operation);
            }
        }
    }

    private static void document(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            addIfAbsent(responses, "401", "No bearer token, or one that is forged, expired or from another issuer");
            addIfAbsent(responses, "403", "The token lacks the operation's role");
        }
        addIfAbsent(responses, "500", "An unexpected failure (the problem has no detail)");
        for (Map.Entry<String, APIResponse> entry : responses.getAPIResponses().entrySet()) {
            if (isError(entry.getKey())) {
                asProblem(entry.getKey(), entry.getValue());
            }
        }
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    private static void asProblem(String code, APIResponse response) {
        MediaType existing = response.getContent() == null ? null : response.getContent().getMediaType(Problem.MEDIA_TYPE);
        MediaType problem = existing != null ? existing : OASFactory.createMediaType();
        problem.setSchema(OASFactory.createSchema().ref(PROBLEM_REF));
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem);
        response.setContent(content);
        if ((code.equals("429") || code.equals("503")) && (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds to wait before sending the request again")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
    }
}
