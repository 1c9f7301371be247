package io.atrium.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApiClient;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Mailbox;
import io.atrium.testsupport.MovableTimeTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;
import io.atrium.testsupport.TestVideos;

/**
 * Issue 18: statements over a month of usage made on the test clock, frozen once closed; budgets, their alerts and
 * their stop; administrators only. The free plan's prices are set here; the developer plan charges 1.00 a call, so a
 * budget is reached call by call.
 */
@IntegrationTest
@TestPropertySource(properties = {"atrium.usage.flush-interval=100ms", "atrium.billing.currency=USD",
        "atrium.billing.plans.free.base-price=12.50", "atrium.billing.plans.free.per-indexed-minute=0.75",
        "atrium.billing.plans.free.per-thousand-api-calls=2.40", "atrium.billing.plans.free.per-gb-month=1000",
        "atrium.billing.plans.developer.base-price=99", "atrium.billing.plans.developer.per-thousand-api-calls=1000"})
class BillingTest extends MovableTimeTest {

    static final Path clip = TestVideos.shared("ledger.mp4", 6);

    @Autowired
    BillingService billing;
    @Autowired
    Budgets budgets;

    @Test
    void aClosedMonthHasExactLinesIsMailedAndStaysAsItWasAfterThePricesChange() throws Exception {
        YearMonth month = startNextMonth();
        Team team = Organizations.team(mvc, jdbc, "Ledger");
        String account = Organizations.organizationId(jdbc, team.name());
        mvc.perform(post("/settings/billing/contact").session(team.admin()).with(csrf())
                        .param("name", "Ledger Finance").param("email", "finance@ledger.example")
                        .param("address", "1 Quay Street\nHarbour Town").param("taxId", "EU123456789"))
                .andExpect(status().is3xxRedirection());

        // day 2: the admin's key makes an index, uploads a clip and lists 4 times; the member's lists 3 times
        ApiClient.Caller admin = api.as(team.adminKey());
        String index = admin.createIndex("Ledger");
        String taskId = JsonPath.read(admin.upload(index, clip, null).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$._id");
        for (int i = 0; i < 4; i++) {
            admin.get("/v1.3/indexes").andExpect(status().isOk());
        }
        for (int i = 0; i < 3; i++) {
            api.as(team.memberKey()).get("/v1.3/indexes").andExpect(status().isOk());
        }
        // waited for in the database, so that no status call adds to the count; the clock moves a second a look, so
        // that the jobs' waits (a retry, another job's turn) pass
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            clock.advance(Duration.ofSeconds(1));
            return "ready".equals(jdbc.sql("select status from video_tasks where id = :id").param("id", taskId)
                    .query(String.class).single());
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                select count(*) from usage_daily where account_id = :account and storage_bytes > 0
                  and api_requests = 9 and seconds_indexed > 0""").param("account", account).query(Integer.class).single() == 1);
        // day 12: the member lists 6 times more
        clock.advance(Duration.ofDays(10));
        for (int i = 0; i < 6; i++) {
            api.as(team.memberKey()).get("/v1.3/indexes").andExpect(status().isOk());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select sum(api_requests) from usage_daily where account_id = :account")
                .param("account", account).query(Long.class).single() == 15);
        double seconds = jdbc.sql("select seconds_indexed from usage_daily where account_id = :account and seconds_indexed > 0")
                .param("account", account).query(Double.class).single();
        long bytes = Files.size(clip);

        clock.advance(Duration.between(clock.instant(), month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .plusHours(1));
        billing.closeEndedMonth();

        int days = month.lengthOfMonth();
        long base = 1250;
        long minutes = cents(BigDecimal.valueOf(seconds).setScale(3, RoundingMode.HALF_UP).multiply(new BigDecimal("0.75")),
                BigDecimal.valueOf(60));
        long calls = cents(BigDecimal.valueOf(15).multiply(new BigDecimal("2.40")), BigDecimal.valueOf(1000));
        // stored from day 2 to the month's end
        long storage = cents(BigDecimal.valueOf(bytes).multiply(BigDecimal.valueOf(days - 1)).multiply(BigDecimal.valueOf(1000)),
                BigDecimal.valueOf(days).multiply(BigDecimal.TEN.pow(9)));
        assertThat(calls).isEqualTo(4); // 0.036 rounds half up to 0.04
        long total = base + minutes + calls + storage;
        String totalText = BigDecimal.valueOf(total, 2).toPlainString();
        String closed = statementJson(team.adminKey(), month);
        assertThat(JsonPath.<String>read(closed, "$.status")).isEqualTo("closed");
        assertThat(JsonPath.<List<Number>>read(closed, "$.lines[*].amount_minor")).extracting(Number::longValue)
                .containsExactly(base, minutes, calls, storage);
        assertThat(JsonPath.<List<String>>read(closed, "$.lines[*].item"))
                .containsExactly("base", "indexed_minutes", "api_calls", "storage");
        assertThat(JsonPath.<String>read(closed, "$.lines[2].quantity")).isEqualTo("0.015");
        assertThat(JsonPath.<String>read(closed, "$.lines[2].unit_price")).isEqualTo("2.4");
        assertThat(JsonPath.<Number>read(closed, "$.total_minor").longValue()).isEqualTo(total);
        assertThat(JsonPath.<String>read(closed, "$.total")).isEqualTo(totalText);
        assertThat(JsonPath.<String>read(closed, "$.billing_contact.tax_id")).isEqualTo("EU123456789");
        assertThat(JsonPath.<String>read(closed, "$.usage_url"))
                .isEqualTo("/settings/usage?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth());
        Object projection = JsonPath.read(closed, "$.projected_total_minor");
        assertThat(projection).isNull();

        // mailed to the billing contact and the administrator (not the member), with the total and the PDF's link
        Mailbox mailbox = Mailbox.outbox(jdbc);
        for (String to : List.of("finance@ledger.example", email(account, "admin"))) {
            assertThat(mailbox.newestText(to, "Atrium statement for " + statement(month) + ": " + team.name()).orElseThrow())
                    .contains("Total: " + totalText + " USD")
                    .contains("/settings/billing/statements/" + month + ".pdf");
        }
        assertThat(mailbox.newestText(email(account, "member"), "Atrium statement for " + statement(month) + ": "
                + team.name())).isEmpty();

        // the PDF, read back, holds the account, the contact and the total
        byte[] pdf = admin.get("/api/v1/billing/statements/" + month + ".pdf").andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf")).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Statement for " + statement(month)).contains(team.name())
                    .contains("Ledger Finance").contains("Tax id: EU123456789").contains("Total").contains(totalText);
        }
        mvc.perform(get("/settings/billing/statements/" + month + ".csv").session(team.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(month + ",closed,api_calls,0.015,\"1,000 calls\",2.4,0.04,USD")))
                .andExpect(content().string(containsString(month + ",closed,total,,,," + totalText + ",USD")));
        mvc.perform(get("/settings/billing/statements/" + month).session(team.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(totalText + " USD")))
                .andExpect(content().string(containsString("href=\"/settings/usage?from=" + month.atDay(1))));

        // another plan, other prices: the closed month keeps its lines, the new month counts at the new card
        mvc.perform(post("/settings/billing").session(team.admin()).with(csrf()).param("plan", "developer"))
                .andExpect(status().is3xxRedirection());
        billing.closeEndedMonth();
        assertThat(statementJson(team.adminKey(), month)).isEqualTo(closed);
        String open = statementJson(team.adminKey(), month.plusMonths(1));
        assertThat(JsonPath.<String>read(open, "$.status")).isEqualTo("open");
        assertThat(JsonPath.<String>read(open, "$.lines[0].unit_price")).isEqualTo("99");
        assertThat(JsonPath.<Number>read(open, "$.projected_total_minor").longValue())
                .isGreaterThanOrEqualTo(JsonPath.<Number>read(open, "$.total_minor").longValue());
        assertThat(jdbc.sql("select count(*) from billing_statements where account_id = :account")
                .param("account", account).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                select details from audit_log where account_id = :account and action = 'account.statement_closed'""")
                .param("account", account).query(String.class).list())
                .containsExactly("total=" + totalText + " USD, plan=free, currency=USD, base=12.50, per_minute=0.75, "
                        + "per_1000_calls=2.40, per_gb_month=1000");
        assertThat(jdbc.sql("select count(*) from mail_outbox where subject like :subject")
                .param("subject", "Atrium statement for " + statement(month) + ": " + team.name())
                .query(Integer.class).single()).isEqualTo(2);

        // the list, newest first: the open month, then the closed one
        admin.get("/api/v1/billing/statements").andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0].month").value(month.plusMonths(1).toString()))
                .andExpect(jsonPath("$.data[0].status").value("open"))
                .andExpect(jsonPath("$.data[1].month").value(month.toString()))
                .andExpect(jsonPath("$.data[1].total").value(totalText));
        mvc.perform(get("/settings/billing").session(team.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/settings/billing/statements/" + month + ".pdf\"")))
                .andExpect(content().string(containsString("Rate card of the Developer plan")));
    }

    @Test
    void theAdministratorsAreMailedOnceAtEachThresholdAndTheStopRefusesNewTasks() throws Exception {
        startNextMonth();
        Team team = Organizations.team(mvc, jdbc, "Thrift");
        String account = Organizations.organizationId(jdbc, team.name());
        mvc.perform(post("/settings/billing").session(team.admin()).with(csrf()).param("plan", "developer"))
                .andExpect(status().is3xxRedirection());
        // the developer plan's base is 99.00; calls cost 1.00 each: a budget of 109 is reached by its tenth call
        mvc.perform(post("/settings/billing/budget").session(team.admin()).with(csrf())
                        .param("amount", "109").param("stopIndexing", "true"))
                .andExpect(status().is3xxRedirection());
        ApiClient.Caller admin = api.as(team.adminKey());
        String adminEmail = email(account, "admin");

        String index = admin.createIndex("Thrift");
        await().until(() -> calls(account) == 1);
        budgets.sendAlerts();
        // 100.00 of 109: over 80 % already (the base): both recorded, one mail naming 80 %
        assertThat(budgetMails(adminEmail)).containsExactly("Atrium budget: 80 % used by " + team.name());
        for (int i = 0; i < 9; i++) {
            admin.get("/v1.3/indexes").andExpect(status().isOk());
        }
        await().until(() -> calls(account) == 10);
        budgets.sendAlerts();
        budgets.sendAlerts();
        assertThat(budgetMails(adminEmail)).containsExactlyInAnyOrder("Atrium budget: 80 % used by " + team.name(),
                "Atrium budget: 100 % used by " + team.name());
        assertThat(budgetMails(email(account, "member"))).isEmpty();
        assertThat(jdbc.sql("select threshold from billing_budget_alerts where account_id = :account order by threshold")
                .param("account", account).query(Integer.class).list()).containsExactly(50, 80, 100);

        admin.upload(index, clip, null)
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("too_many_requests"))
                .andExpect(jsonPath("$.message").value(containsString("monthly budget of 109.00 USD")));
        // raised: indexing starts again
        mvc.perform(post("/settings/billing/budget").session(team.admin()).with(csrf())
                        .param("amount", "500").param("stopIndexing", "true"))
                .andExpect(status().is3xxRedirection());
        admin.upload(index, clip, null).andExpect(status().isCreated());
        assertThat(jdbc.sql("select details from audit_log where account_id = :account and action = 'account.budget_changed'")
                .param("account", account).query(String.class).list())
                .containsExactlyInAnyOrder("budget=109.00 USD, stop_indexing=true", "budget=500.00 USD, stop_indexing=true");
    }

    @Test
    void thresholdsAreMailedOneByOneAsTheMonthGrows() throws Exception {
        startNextMonth();
        Team team = Organizations.team(mvc, jdbc, "Steady");
        String account = Organizations.organizationId(jdbc, team.name());
        mvc.perform(post("/settings/billing").session(team.admin()).with(csrf()).param("plan", "developer"))
                .andExpect(status().is3xxRedirection());
        // 99.00 of 200 is under half; each call adds 1.00
        mvc.perform(post("/settings/billing/budget").session(team.admin()).with(csrf()).param("amount", "200"))
                .andExpect(status().is3xxRedirection());
        ApiClient.Caller admin = api.as(team.adminKey());
        String adminEmail = email(account, "admin");
        budgets.sendAlerts();
        assertThat(budgetMails(adminEmail)).isEmpty();
        callUntil(admin, account, 1);
        budgets.sendAlerts();
        assertThat(budgetMails(adminEmail)).containsExactly("Atrium budget: 50 % used by " + team.name());
        callUntil(admin, account, 61);
        budgets.sendAlerts();
        budgets.sendAlerts();
        assertThat(budgetMails(adminEmail)).containsExactlyInAnyOrder("Atrium budget: 50 % used by " + team.name(),
                "Atrium budget: 80 % used by " + team.name());
        // no stop asked: over the budget, indexing goes on
        callUntil(admin, account, 102);
        budgets.sendAlerts();
        assertThat(budgetMails(adminEmail)).hasSize(3).contains("Atrium budget: 100 % used by " + team.name());
        admin.upload(admin.createIndex("Steady"), clip, null).andExpect(status().isCreated());
    }

    @Test
    void membersAreRefusedAndOtherAccountsStatementsAreNeverShown() throws Exception {
        startNextMonth();
        Team team = Organizations.team(mvc, jdbc, "Guarded");
        Team other = Organizations.team(mvc, jdbc, "Nosy");
        YearMonth month = YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        mvc.perform(post("/settings/billing/contact").session(team.admin()).with(csrf()).param("name", "Guarded Books"))
                .andExpect(status().is3xxRedirection());

        api.as(team.memberKey()).get("/api/v1/billing/statements").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
        api.as(team.memberKey()).get("/api/v1/billing/statements/" + month).andExpect(status().isForbidden());
        api.as(team.memberKey()).get("/api/v1/billing/statements/" + month + ".pdf").andExpect(status().isForbidden());
        api.as(team.memberKey()).put("/api/v1/billing/budget", "{\"amount\":\"10\"}").andExpect(status().isForbidden());
        for (String page : List.of("/settings/billing", "/settings/billing/statements/" + month,
                "/settings/billing/statements/" + month + ".csv", "/settings/billing/statements/" + month + ".pdf")) {
            mvc.perform(get(page).session(team.member())).andExpect(status().isNotFound());
        }
        mvc.perform(post("/settings/billing/budget").session(team.member()).with(csrf()).param("amount", "10"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/settings/billing/contact").session(team.member()).with(csrf()).param("name", "Mallory"))
                .andExpect(status().isNotFound());

        // each key sees its own account's statement only: the contact on it is its own
        assertThat(JsonPath.<String>read(statementJson(team.adminKey(), month), "$.billing_contact.name"))
                .isEqualTo("Guarded Books");
        Object othersContact = JsonPath.read(statementJson(other.adminKey(), month), "$.billing_contact.name");
        assertThat(othersContact).isNull();
        mvc.perform(get("/settings/billing").session(other.admin()))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("Guarded Books"))));

        ApiClient.Caller admin = api.as(team.adminKey());
        for (String bad : List.of("2026-13", "2026-1", "latest", "20261")) {
            admin.get("/api/v1/billing/statements/" + bad).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("parameter_invalid"));
        }
        mvc.perform(get("/settings/billing/statements/2026-13").session(team.admin())).andExpect(status().isBadRequest());
        admin.get("/api/v1/billing/statements/" + month.plusMonths(1)).andExpect(status().isNotFound());
        admin.get("/api/v1/billing/statements/" + month.minusMonths(1)).andExpect(status().isNotFound());

        for (String amount : List.of("-5", "0", "1000000000.01", "99999999999999999999", "12.345", "ten")) {
            admin.put("/api/v1/billing/budget", "{\"amount\":\"" + amount + "\"}").andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("parameter_invalid"));
        }
        admin.put("/api/v1/billing/budget", "{\"amount\":\"250.5\",\"stop_indexing\":true}").andExpect(status().isOk())
                .andExpect(jsonPath("$.amount").value("250.50")).andExpect(jsonPath("$.amount_minor").value(25050))
                .andExpect(jsonPath("$.stop_indexing").value(true));
        api.as(other.adminKey()).get("/api/v1/billing/budget").andExpect(status().isNotFound());

    }

    @Test
    void aRefusedFormComesBackWithItsMessageNextToTheFieldAndWhatWasTyped() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Typo");
        mvc.perform(post("/settings/billing/contact").session(team.admin()).with(csrf())
                        .param("name", "Typo Books").param("email", "not-an-address"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/settings/billing").session(team.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"contact-email-error\">Enter a valid email address")))
                .andExpect(content().string(containsString("value=\"not-an-address\"")));
        mvc.perform(post("/settings/billing/budget").session(team.admin()).with(csrf()).param("amount", "-3"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/settings/billing").session(team.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"budget-amount-error\">The budget must be more than 0")))
                .andExpect(content().string(containsString("value=\"-3\"")));
        assertThat(jdbc.sql("select count(*) from audit_log where target = :name and action like 'account.b%'")
                .param("name", team.name()).query(Integer.class).single()).isZero();
    }

    @Test
    void twoRunsClosingTheSameMonthAtOnceMakeOneStatement() throws Exception {
        YearMonth month = startNextMonth();
        Team team = Organizations.team(mvc, jdbc, "Twice");
        String account = Organizations.organizationId(jdbc, team.name());
        clock.advance(Duration.between(clock.instant(), month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .plusMinutes(5));

        Thread first = new Thread(billing::closeEndedMonth);
        Thread second = new Thread(billing::closeEndedMonth);
        first.start();
        second.start();
        first.join();
        second.join();

        assertThat(jdbc.sql("select count(*) from billing_statements where account_id = :account")
                .param("account", account).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from billing_statement_lines where account_id = :account")
                .param("account", account).query(Integer.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from audit_log where account_id = :account and action = 'account.statement_closed'")
                .param("account", account).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from mail_outbox where subject = :subject")
                .param("subject", "Atrium statement for " + statement(month) + ": " + team.name())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aMonthPricedAtNothingIsClosedWithoutMailingAnyone() throws Exception {
        YearMonth month = startNextMonth();
        Team team = Organizations.team(mvc, jdbc, "Gratis");
        String account = Organizations.organizationId(jdbc, team.name());
        // the enterprise plan has no prices here
        mvc.perform(post("/settings/billing").session(team.admin()).with(csrf()).param("plan", "enterprise"))
                .andExpect(status().is3xxRedirection());
        clock.advance(Duration.between(clock.instant(), month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .plusMinutes(5));

        billing.closeEndedMonth();

        assertThat(JsonPath.<String>read(statementJson(team.adminKey(), month), "$.total")).isEqualTo("0.00");
        assertThat(jdbc.sql("select count(*) from mail_outbox where subject like :subject")
                .param("subject", "Atrium statement for %: " + team.name()).query(Integer.class).single()).isZero();
    }

    /** Moves the clock to the 2nd of next month, 10:00 UTC, and answers that month. */
    private YearMonth startNextMonth() {
        YearMonth next = YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).plusMonths(1);
        clock.advance(Duration.between(clock.instant(), next.atDay(2).atTime(10, 0).toInstant(ZoneOffset.UTC)));
        return next;
    }

    private String statementJson(String key, YearMonth month) throws Exception {
        return api.as(key).get("/api/v1/billing/statements/" + month).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    /** Calls until the account has made {@code total} calls; every call before was awaited, so the count is settled. */
    private void callUntil(ApiClient.Caller caller, String account, long total) throws Exception {
        for (long made = calls(account); made < total; made++) {
            caller.get("/v1.3/indexes").andExpect(status().isOk());
        }
        await().until(() -> calls(account) == total);
    }

    private long calls(String account) {
        return jdbc.sql("select coalesce(sum(api_requests), 0) from usage_daily where account_id = :account")
                .param("account", account).query(Long.class).single();
    }

    private List<String> budgetMails(String email) {
        return jdbc.sql("select subject from mail_outbox where lower(recipient) = lower(:email) and subject like 'Atrium budget%'")
                .param("email", email).query(String.class).list();
    }

    private String email(String account, String role) {
        return jdbc.sql("""
                select u.email from memberships m join users u on u.id = m.user_id
                where m.account_id = :account and m.role = :role""")
                .param("account", account).param("role", role).query(String.class).single();
    }

    private static String statement(YearMonth month) {
        return month.format(java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.ENGLISH));
    }

    private static long cents(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, 2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
    }
}
