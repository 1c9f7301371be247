package io.atrium.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** API keys made the way people make them, on Settings > API Keys of the session's active account. */
public final class ApiKeys {

    public static final Pattern KEY = Pattern.compile("atk_[0-9A-Za-z]{12}_[0-9A-Za-z]{38}");

    private ApiKeys() {
    }

    /** Creates a key and reads it from the page the redirect leads to, where it is shown once. */
    public static String create(MockMvc mvc, MockHttpSession session, String name) throws Exception {
        return create(mvc, session, name, Map.of());
    }

    /**
     * The same with more of the form filled in: {@code scope} (values separated by spaces), {@code organizationKey},
     * {@code role}, {@code allowedAddresses}.
     */
    public static String create(MockMvc mvc, MockHttpSession session, String name, Map<String, String> fields)
            throws Exception {
        var request = post("/settings/api-keys").session(session).with(csrf()).param("name", name).param("expiration", "12");
        fields.forEach((field, value) -> {
            if (field.equals("scope")) {
                request.param("scopesOnForm", "true").param("scope", value.split(" "));
            } else {
                request.param(field, value);
            }
        });
        mvc.perform(request).andExpect(redirectedUrl("/settings/api-keys"));
        return find(mvc.perform(get("/settings/api-keys").session(session)).andReturn().getResponse().getContentAsString());
    }

    /** The same through a real servlet container: the visitor submits the form and reads the page it leads to. */
    public static String create(HttpVisitor visitor, String name) throws IOException, InterruptedException {
        visitor.submit("/settings/api-keys", "/settings/api-keys", Map.of("name", name, "expiration", "12"));
        return find(visitor.get("/settings/api-keys").body());
    }

    public static String find(String text) {
        Matcher matcher = KEY.matcher(text);
        assertThat(matcher.find()).as("an API key in the text").isTrue();
        return matcher.group();
    }
}
