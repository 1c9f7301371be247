package io.atrium.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.atrium.shared.Actor;
import io.atrium.shared.AtriumProperties;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.shared.PublicUrl;

/**
 * How {@code /v1.3/indexes} reads what a client sends, and the API's JSON errors for what it cannot read: a Spring
 * MVC slice with the controller, the API's error handling and content negotiation, and {@link IndexService} as a
 * Mockito mock, so each test sees exactly what reached the service. The rules an index must follow, and what the
 * database keeps, are IndexApiTest's (the whole application).
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = {
        @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = IndexesApiController.class),
        // package-private in io.atrium.api: the error advice, its error bodies, and JSON as the only answer
        @Filter(type = FilterType.REGEX, pattern = "io\\.atrium\\.api\\.(ApiExceptionHandler|ApiErrors|ApiContentNegotiation)")})
// The servlet filters (Spring Security's chains with the API key check, the body size limit) are left out: who
// may call is ApiAuthenticationTest's, and the caller here is the fixed actor below.
@AutoConfigureMockMvc(addFilters = false)
@Import(IndexesApiRequestTest.CallerOfTheKey.class)
class IndexesApiRequestTest {

    static final Actor CALLER = new Actor("acc_caller", "usr_caller", true, true);
    static final String ID = "0123456789abcdef01234567";

    /**
     * Stands in for the application's resolver, which finds the actor of the request's API key; with what the API's
     * error bodies need for their {@code docs_url}.
     */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AtriumProperties.class)
    @Import(PublicUrl.class)
    static class CallerOfTheKey implements WebMvcConfigurer {

        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(new HandlerMethodArgumentResolver() {

                @Override
                public boolean supportsParameter(MethodParameter parameter) {
                    return parameter.getParameterType().equals(Actor.class);
                }

                @Override
                public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                        NativeWebRequest request, WebDataBinderFactory binders) {
                    return CALLER;
                }
            });
        }
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    IndexService indexes;

    @Test
    void aCreateBodyInSnakeCaseReachesTheServiceAsItWasSentAndTheAnswerIsTheNewId() throws Exception {
        given(indexes.create(any(), any())).willReturn(view(ID, "Lectures"));

        json(post("/v1.3/indexes"), """
                {"index_name": "Lectures", "addons": ["thumbnail"],
                 "models": [{"model_name": "marengo3.0", "model_options": ["visual", "audio"]},
                            {"model_name": "pegasus1.2", "model_options": ["visual"]}]}""")
                .andExpect(status().isCreated())
                .andExpect(content().json("{\"_id\": \"" + ID + "\"}", JsonCompareMode.STRICT));

        verify(indexes).create(CALLER, new CreateIndexCommand("Lectures",
                List.of(new IndexModel("marengo3.0", List.of("visual", "audio")), new IndexModel("pegasus1.2", List.of("visual"))),
                List.of("thumbnail")));
    }

    @Test
    void partsLeftOutOfACreateBodyReachTheServiceAsNullsForItToJudge() throws Exception {
        given(indexes.create(any(), any())).willReturn(view(ID, "Bare"));

        json(post("/v1.3/indexes"), "{\"index_name\": \"Bare\"}").andExpect(status().isCreated());

        verify(indexes).create(CALLER, new CreateIndexCommand("Bare", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"index_name\":", "not json", "[\"Lectures\"]", "{\"index_name\": \"Odd\", \"models\": \"marengo3.0\"}",
            "{\"index_name\": \"Odd\", \"models\": [{\"model_name\": \"marengo3.0\", \"model_options\": \"visual\"}]}",
            "{\"index_name\": {\"text\": \"Odd\"}}", ""})
    void aCreateBodyThatIsNotJsonOfTheExpectedShapeIsAnInvalidParameterAndReachesNoService(String body) throws Exception {
        assertApiError(json(post("/v1.3/indexes"), body), 400, "parameter_invalid")
                .andExpect(jsonPath("$.message").value("The request body is not valid JSON of the expected shape."));

        verifyNoInteractions(indexes);
    }

    @Test
    void whatTheServiceRefusesIsAnsweredWithItsCodeAndMessageInTheApiErrorShape() throws Exception {
        given(indexes.create(any(), any())).willThrow(new InvalidInputException("models", "parameter_invalid",
                "Unknown model gpt. Use marengo3.0, marengo2.7 or pegasus1.2."));

        assertApiError(json(post("/v1.3/indexes"), "{\"index_name\": \"Odd\", \"models\": [{\"model_name\": \"gpt\", \"model_options\": [\"visual\"]}]}"), 400, "parameter_invalid")
                .andExpect(jsonPath("$.message").value("Unknown model gpt. Use marengo3.0, marengo2.7 or pegasus1.2."))
                .andExpect(jsonPath("$.length()").value(3));
    }

    @Test
    void aBodyOfAnotherContentTypeIsRefusedWith415() throws Exception {
        assertApiError(mvc.perform(post("/v1.3/indexes").contentType(MediaType.TEXT_PLAIN).content("Lectures")), 415,
                "parameter_invalid")
                .andExpect(jsonPath("$.message").value("Send the request body as application/json."));

        verifyNoInteractions(indexes);
    }

    @Test
    void aClientThatAcceptsNoJsonIsAnswered406InJsonAllTheSame() throws Exception {
        assertApiError(mvc.perform(get("/v1.3/indexes").accept(MediaType.APPLICATION_XML)), 406, "not_acceptable");
    }

    @Test
    void anIndexTheServiceCannotFindIsAnswered404InTheApiErrorShape() throws Exception {
        given(indexes.get(CALLER.accountId(), ID)).willThrow(new NotFoundException("Index"));

        assertApiError(mvc.perform(get("/v1.3/indexes/" + ID)), 404, "resource_not_exist");
    }

    @Test
    void aRenameReachesTheServiceWithTheNewName() throws Exception {
        json(put("/v1.3/indexes/" + ID), "{\"index_name\": \"New name\"}").andExpect(status().isOk());

        verify(indexes).rename(CALLER.accountId(), ID, "New name");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"index_name\": \"New\", \"models\": []}                | index_option_cannot_be_changed",
            "{\"index_name\": \"New\", \"addons\": [\"thumbnail\"]}   | index_option_cannot_be_changed",
            "{\"index_name\": \"New\", \"colour\": \"red\"}           | parameter_unknown",
            "{}                                                       | parameter_not_provided",
            "{\"index_name\": 5}                                      | parameter_not_provided",
            "{\"index_name\": null}                                   | parameter_not_provided"})
    void aRenameMayChangeTheNameAndNothingElse(String body, String code) throws Exception {
        assertApiError(json(put("/v1.3/indexes/" + ID), body), 400, code);

        verify(indexes, never()).rename(anyString(), anyString(), anyString());
    }

    @Test
    void theListReadsCommaSeparatedModelOptionsAndTimesAsGivenOrAsTheStartOfAUtcDay() throws Exception {
        given(indexes.list(eq(CALLER.accountId()), any())).willReturn(List.of(view(ID, "Lectures")));

        mvc.perform(get("/v1.3/indexes").param("index_name", "Lectures").param("model_family", "marengo")
                        .param("model_options", "visual, audio,").param("created_at", "2026-11-28T23:30:00-02:00")
                        .param("updated_at", "2026-11-28"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0]._id").value(ID))
                .andExpect(jsonPath("$.page_info.total_results").value(1));

        ArgumentCaptor<IndexFilter> filter = ArgumentCaptor.forClass(IndexFilter.class);
        verify(indexes).list(eq(CALLER.accountId()), filter.capture());
        assertThat(filter.getValue()).isEqualTo(new IndexFilter("Lectures", "marengo", List.of("visual", "audio"),
                Instant.parse("2026-11-29T01:30:00Z"), Instant.parse("2026-11-28T00:00:00Z")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"created_at, yesterday, created_at must be a date (2026-11-28) or an RFC 3339 time.",
            "updated_at, 28/11/2026, updated_at must be a date (2026-11-28) or an RFC 3339 time.",
            "page_limit, many, page_limit has the wrong type.",
            "page, 1.5, page has the wrong type."})
    void aListParameterThatCannotBeReadIsAnInvalidParameter(String name, String value, String message) throws Exception {
        assertApiError(mvc.perform(get("/v1.3/indexes").param(name, value)), 400, "parameter_invalid")
                .andExpect(jsonPath("$.message").value(message));
    }

    private ResultActions json(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** The API's error body: JSON with the code, a message and the link to the code's explanation. */
    private static ResultActions assertApiError(ResultActions answer, int status, String code) throws Exception {
        return answer.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.message").isNotEmpty())
                .andExpect(jsonPath("$.docs_url").value(endsWith("/docs/errors.html#" + code)));
    }

    private static IndexView view(String id, String name) {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        return new IndexView(id, name, List.of(new IndexModel("marengo3.0", List.of("visual"))), List.of(), 0, 0, now, now,
                null);
    }

}
