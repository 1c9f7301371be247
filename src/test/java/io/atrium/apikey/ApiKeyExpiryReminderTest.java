package io.atrium.apikey;

import static io.atrium.testsupport.Organizations.addMember;
import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTimeTest;

@IntegrationTest
class ApiKeyExpiryReminderTest extends MovableTimeTest {

    @Autowired
    ExpiryReminders reminders;

    @Test
    void theCreatorIsRemindedOnceSevenDaysAndOnceOneDayBeforeTheKeyExpires() throws Exception {
        String email = uniqueEmail("reminded");
        MockHttpSession user = signUp(mvc, "Remy Nder", email);
        String creator = ApiKeys.create(mvc, user, "creator");
        String key = JsonPath.read(api.as(creator).post("/api/v1/api-keys", "{\"name\":\"ten days\",\"expires_in_days\":10}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.key");
        reminders.sendDue();
        assertThat(subjects(email)).isEmpty();

        clock.advance(Duration.ofDays(3).plusHours(1));
        reminders.sendDue();
        reminders.sendDue();
        assertThat(subjects(email)).containsExactly("Your API key ten days expires in 7 days");
        api.as(key).get("/api/v1/api-keys").andExpect(jsonPath("$.data[?(@.name == 'ten days')].expires_in_days", hasItem(7)));
        assertThat(mvc.perform(get("/settings/api-keys").session(user)).andReturn().getResponse().getContentAsString())
                .contains("Expires in 7 days");

        clock.advance(Duration.ofDays(6));
        reminders.sendDue();
        reminders.sendDue();
        assertThat(subjects(email)).containsExactly("Your API key ten days expires in 7 days",
                "Your API key ten days expires in 1 day");

        clock.advance(Duration.ofDays(2));
        reminders.sendDue();
        assertThat(subjects(email)).hasSize(2);
    }

    @Test
    void aKeyFoundWithinADayOfItsExpiryGetsTheOneDayReminderOnly() throws Exception {
        String email = uniqueEmail("late");
        MockHttpSession user = signUp(mvc, "Late Comer", email);
        String creator = ApiKeys.create(mvc, user, "creator");
        api.as(creator).post("/api/v1/api-keys", "{\"name\":\"short lived\",\"expires_in_days\":1}").andExpect(status().isCreated());

        reminders.sendDue();
        reminders.sendDue();

        assertThat(subjects(email)).containsExactly("Your API key short lived expires in 1 day");
    }

    @Test
    void aKeyMadeForLessThanAWeekIsRemindedWithTheDaysItHasLeft() throws Exception {
        String email = uniqueEmail("brief");
        MockHttpSession user = signUp(mvc, "Brief Key", email);
        String creator = ApiKeys.create(mvc, user, "creator");
        api.as(creator).post("/api/v1/api-keys", "{\"name\":\"three days\",\"expires_in_days\":3}").andExpect(status().isCreated());

        reminders.sendDue();

        assertThat(subjects(email)).containsExactly("Your API key three days expires in 3 days");
    }

    @Test
    void anOrganizationKeysReminderGoesToItsCreatorAndEveryAdministratorButNotToMembers() throws Exception {
        String adminEmail = uniqueEmail("orgremind");
        String otherAdminEmail = uniqueEmail("orgremind2");
        String memberEmail = uniqueEmail("orgremindmember");
        MockHttpSession admin = createWithAdmin(mvc, "Org Reminded", adminEmail, "Reminders " + UUID.randomUUID().toString().substring(0, 6));
        addMember(mvc, jdbc, admin, "Other Admin", otherAdminEmail, "admin");
        addMember(mvc, jdbc, admin, "Just Member", memberEmail, "member");
        String creator = ApiKeys.create(mvc, admin, "creator");
        api.as(creator).post("/api/v1/api-keys", "{\"name\":\"org bot\",\"owner\":\"organization\",\"expires_in_days\":1}")
                .andExpect(status().isCreated());

        reminders.sendDue();

        assertThat(subjects(adminEmail)).containsExactly("Your API key org bot expires in 1 day");
        assertThat(subjects(otherAdminEmail)).containsExactly("Your API key org bot expires in 1 day");
        assertThat(subjects(memberEmail)).isEmpty();
    }

    private List<String> subjects(String email) {
        return jdbc.sql("select subject from mail_outbox where lower(recipient) = lower(:email) and subject like 'Your API key%' "
                        + "order by created_at, id")
                .param("email", email).query(String.class).list();
    }
}
