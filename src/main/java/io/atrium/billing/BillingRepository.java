package io.atrium.billing;

import static io.atrium.shared.SqlTime.utc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Billing contacts, budgets, budget alerts and closed statements, each under its account. The account's name, its
 * creation and its administrators' addresses are read with plain read SQL (as the audit log and usage read names), so
 * this feature needs neither the account nor the organization feature.
 */
@Repository
class BillingRepository {

    /** A closed statement as stored, before its lines. */
    record StatementRow(String accountId, YearMonth month, String plan, String currency, long totalMinor,
            BillingContact contact, Instant closedAt) {
    }

    private final JdbcClient jdbc;

    BillingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BillingContact> contact(String accountId) {
        return jdbc.sql("select contact_name, contact_email, address, tax_id from billing_details where account_id = :account")
                .param("account", accountId)
                .query((rs, row) -> new BillingContact(rs.getString("contact_name"), rs.getString("contact_email"),
                        rs.getString("address"), rs.getString("tax_id")))
                .optional();
    }

    void saveContact(String accountId, BillingContact contact, Instant now) {
        int updated = jdbc.sql("""
                update billing_details set contact_name = :name, contact_email = :email, address = :address,
                    tax_id = :taxId, updated_at = :now where account_id = :account""")
                .param("name", contact.name()).param("email", contact.email()).param("address", contact.address())
                .param("taxId", contact.taxId()).param("now", utc(now)).param("account", accountId).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into billing_details (account_id, contact_name, contact_email, address, tax_id, updated_at)
                    values (:account, :name, :email, :address, :taxId, :now)""")
                    .param("name", contact.name()).param("email", contact.email()).param("address", contact.address())
                    .param("taxId", contact.taxId()).param("now", utc(now)).param("account", accountId).update();
        }
    }

    Optional<Budget> budget(String accountId) {
        return jdbc.sql("select amount_minor, currency, stop_indexing from billing_budgets where account_id = :account")
                .param("account", accountId)
                .query((rs, row) -> new Budget(rs.getLong("amount_minor"), rs.getString("currency"),
                        rs.getBoolean("stop_indexing")))
                .optional();
    }

    /** The accounts that have a budget, for the alerts. */
    List<String> accountsWithBudget() {
        return jdbc.sql("select account_id from billing_budgets order by account_id").query(String.class).list();
    }

    void saveBudget(String accountId, Budget budget, Instant now) {
        int updated = jdbc.sql("""
                update billing_budgets set amount_minor = :amount, currency = :currency, stop_indexing = :stop,
                    updated_at = :now where account_id = :account""")
                .param("amount", budget.amountMinor()).param("currency", budget.currency())
                .param("stop", budget.stopIndexing()).param("now", utc(now)).param("account", accountId).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into billing_budgets (account_id, amount_minor, currency, stop_indexing, updated_at)
                    values (:account, :amount, :currency, :stop, :now)""")
                    .param("amount", budget.amountMinor()).param("currency", budget.currency())
                    .param("stop", budget.stopIndexing()).param("now", utc(now)).param("account", accountId).update();
        }
    }

    boolean deleteBudget(String accountId) {
        return jdbc.sql("delete from billing_budgets where account_id = :account").param("account", accountId).update() > 0;
    }

    List<Integer> alertedThresholds(String accountId, YearMonth month) {
        return jdbc.sql("""
                select threshold from billing_budget_alerts where account_id = :account and period = :period
                order by threshold""")
                .param("account", accountId).param("period", month.atDay(1)).query(Integer.class).list();
    }

    /** Fails with a duplicate key when the alert was recorded already (by this node or another). */
    void insertAlert(String accountId, YearMonth month, int threshold, Instant now) {
        jdbc.sql("""
                insert into billing_budget_alerts (account_id, period, threshold, sent_at)
                values (:account, :period, :threshold, :now)""")
                .param("account", accountId).param("period", month.atDay(1)).param("threshold", threshold)
                .param("now", utc(now)).update();
    }

    /**
     * Claims the month's statement: fails with a duplicate key when it exists, or waits for a close under way on
     * another node and then fails.
     */
    void insertStatement(Statement statement) {
        BillingContact contact = statement.contact();
        jdbc.sql("""
                insert into billing_statements (account_id, period, plan, currency, total_minor, contact_name,
                    contact_email, address, tax_id, closed_at)
                values (:account, :period, :plan, :currency, :total, :name, :email, :address, :taxId, :closedAt)""")
                .param("account", statement.accountId()).param("period", statement.month().atDay(1))
                .param("plan", statement.plan()).param("currency", statement.currency())
                .param("total", statement.totalMinor()).param("name", contact.name()).param("email", contact.email())
                .param("address", contact.address()).param("taxId", contact.taxId())
                .param("closedAt", utc(statement.closedAt())).update();
        int position = 0;
        for (StatementLine line : statement.lines()) {
            jdbc.sql("""
                    insert into billing_statement_lines (account_id, period, position, kind, quantity, unit_price,
                        amount_minor)
                    values (:account, :period, :position, :kind, :quantity, :unitPrice, :amount)""")
                    .param("account", statement.accountId()).param("period", statement.month().atDay(1))
                    .param("position", position++).param("kind", line.kind().code()).param("quantity", line.quantity())
                    .param("unitPrice", line.unitPrice()).param("amount", line.amountMinor()).update();
        }
    }

    Optional<StatementRow> statement(String accountId, YearMonth month) {
        return jdbc.sql("""
                select account_id, period, plan, currency, total_minor, contact_name, contact_email, address, tax_id,
                    closed_at
                from billing_statements where account_id = :account and period = :period""")
                .param("account", accountId).param("period", month.atDay(1))
                .query(BillingRepository::statementRow).optional();
    }

    /** The account's closed statements, newest first. */
    List<StatementRow> statements(String accountId) {
        return jdbc.sql("""
                select account_id, period, plan, currency, total_minor, contact_name, contact_email, address, tax_id,
                    closed_at
                from billing_statements where account_id = :account order by period desc""")
                .param("account", accountId).query(BillingRepository::statementRow).list();
    }

    List<StatementLine> lines(String accountId, YearMonth month) {
        return jdbc.sql("""
                select kind, quantity, unit_price, amount_minor from billing_statement_lines
                where account_id = :account and period = :period order by position""")
                .param("account", accountId).param("period", month.atDay(1))
                .query((rs, row) -> new StatementLine(LineKind.ofCode(rs.getString("kind")),
                        rs.getObject("quantity", BigDecimal.class), rs.getObject("unit_price", BigDecimal.class),
                        rs.getLong("amount_minor")))
                .list();
    }

    /** Accounts that existed before the month ended and have no statement of it. */
    List<String> accountsToClose(YearMonth month) {
        return jdbc.sql("""
                select a.id from accounts a
                where a.created_at < :end and not exists (
                    select 1 from billing_statements s where s.account_id = a.id and s.period = :period)
                order by a.id""")
                .param("end", utc(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)))
                .param("period", month.atDay(1)).query(String.class).list();
    }

    /** When the account was created (its first billable month); empty for no such account. */
    Optional<Instant> createdAt(String accountId) {
        return jdbc.sql("select created_at from accounts where id = :account").param("account", accountId)
                .query((rs, row) -> rs.getObject("created_at", OffsetDateTime.class).toInstant()).optional();
    }

    /** The organization's name, or the personal account's user's name. */
    String accountName(String accountId) {
        return jdbc.sql("""
                select coalesce(a.name, u.name) from accounts a left join users u on u.id = a.personal_of_user_id
                where a.id = :account""")
                .param("account", accountId).query(String.class).single();
    }

    /** The addresses of the account's administrators: an organization's admins, or a personal account's user. */
    List<String> administratorEmails(String accountId) {
        return jdbc.sql("""
                select u.email from users u
                where u.id in (select m.user_id from memberships m where m.account_id = :account and m.role = 'admin')
                   or u.id in (select a.personal_of_user_id from accounts a where a.id = :account)
                order by u.email""")
                .param("account", accountId).query(String.class).list();
    }

    private static StatementRow statementRow(ResultSet rs, int row) throws SQLException {
        return new StatementRow(rs.getString("account_id"), YearMonth.from(rs.getObject("period", LocalDate.class)),
                rs.getString("plan"), rs.getString("currency"), rs.getLong("total_minor"),
                new BillingContact(rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("address"),
                        rs.getString("tax_id")),
                rs.getObject("closed_at", OffsetDateTime.class).toInstant());
    }
}
