package io.atrium.apikey;

import static io.atrium.testsupport.Visitors.from;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTimeTest;

@IntegrationTest
class ApiKeyAddressTest extends MovableTimeTest {

    @Test
    void aKeyWithAllowedAddressesIsRefusedFromAnywhereElseOverIPv4AndIPv6() throws Exception {
        MockHttpSession user = signUp(mvc, "Fence Builder", uniqueEmail("fence"));
        String key = ApiKeys.create(mvc, user, "fenced", Map.of("allowedAddresses", "10.70.0.0/16,\n2001:db8::/32"));

        api.as(key).perform(get("/api/v1/account").with(from("10.70.3.4"))).andExpect(status().isOk());
        api.as(key).perform(get("/api/v1/account").with(from("2001:db8:0:0:0:0:0:5"))).andExpect(status().isOk());
        api.as(key).perform(get("/api/v1/account").with(from("10.71.0.1"))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("api_key_address_not_allowed"));
        api.as(key).perform(get("/api/v1/account").with(from("2001:db9:0:0:0:0:0:1"))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("api_key_address_not_allowed"));
        api.as(key).perform(get("/api/v1/api-keys").with(from("10.70.0.1")))
                .andExpect(jsonPath("$.data[0].allowed_addresses[*]", contains("10.70.0.0/16", "2001:db8::/32")));
    }

    @Test
    void anythingButAnAddressOrABlockIsRefusedAtCreationWithAMessageNextToTheField() throws Exception {
        MockHttpSession user = signUp(mvc, "Typo Fence", uniqueEmail("typofence"));
        String key = ApiKeys.create(mvc, user, "creator");

        api.as(key).post("/api/v1/api-keys", "{\"name\":\"bad\",\"allowed_addresses\":[\"10.0.0.0/33\",\"example.com\"]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"))
                .andExpect(jsonPath("$.message").value(containsString("10.0.0.0/33, example.com")));
        mvc.perform(post("/settings/api-keys").session(user).with(csrf()).param("name", "bad").param("expiration", "12")
                        .param("allowedAddresses", "300.1.1.1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"allowed-addresses-error\"")))
                .andExpect(content().string(containsString("Not an IP address or CIDR block: 300.1.1.1")));
    }
}
