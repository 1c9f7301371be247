package io.atrium.organization;

import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

/**
 * {@code GET /api/v1/account} answers from an account read at most 0.9 s ago (AccountService.recentAccount); a change
 * made through this node shows in the very next call, not after the read has aged.
 */
@IntegrationTest
class AccountApiTest extends ApplicationTest {

    @Test
    void anOrganizationsNewNameShowsInTheNextCall() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 6);
        String name = unique + " Works";
        MockHttpSession admin = createWithAdmin(mvc, "Rhea Admin", uniqueEmail("rhea"), name);
        String key = ApiKeys.create(mvc, admin, "account");
        api.as(key).get("/api/v1/account").andExpect(status().isOk()).andExpect(jsonPath("$.name").value(name));

        mvc.perform(post("/settings/organization/name").session(admin).with(csrf()).param("name", "Blue " + unique + " Harbor"))
                .andExpect(status().is3xxRedirection());

        api.as(key).get("/api/v1/account").andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Blue " + unique + " Harbor"))
                .andExpect(jsonPath("$.initials").value("BH"));
    }

    @Test
    void aPersonsNewNameShowsAsTheirPersonalAccountsNameInTheNextCall() throws Exception {
        MockHttpSession person = signUp(mvc, "Ada Lovelace", uniqueEmail("ada"));
        String key = ApiKeys.create(mvc, person, "personal");
        api.as(key).get("/api/v1/account").andExpect(jsonPath("$.name").value("Ada Lovelace"));

        mvc.perform(post("/profile/name").session(person).with(csrf()).param("name", "Augusta King"))
                .andExpect(status().is3xxRedirection());

        api.as(key).get("/api/v1/account").andExpect(jsonPath("$.name").value("Augusta King"))
                .andExpect(jsonPath("$.initials").value("AK"));
    }
}
