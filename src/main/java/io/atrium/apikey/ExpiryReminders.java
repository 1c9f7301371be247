package io.atrium.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import io.atrium.account.AccountService;
import io.atrium.account.AccountView;
import io.atrium.account.UserView;
import io.atrium.apikey.ApiKeyRepository.Reminder;
import io.atrium.mail.MailOutbox;
import io.atrium.mail.OutgoingMail;
import io.atrium.organization.OrganizationService;
import io.atrium.shared.PublicUrl;

/**
 * Mails a key's creator (and, for an organization key, the organization's administrators) 7 days and 1 day before the
 * key expires (issue 17). Each reminder is claimed by the update that records it, in the transaction that queues its
 * mail and publishes {@link ApiKeyExpiring}, so it goes out once however many nodes run this and however often. A key
 * found already within a day of its expiry gets the 1-day reminder only.
 */
@Component
class ExpiryReminders {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final ApiKeyRepository keys;
    private final AccountService accounts;
    private final OrganizationService organizations;
    private final MailOutbox mail;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final ITemplateEngine templates;
    private final PublicUrl publicUrl;
    private final Clock clock;

    ExpiryReminders(ApiKeyRepository keys, AccountService accounts, OrganizationService organizations, MailOutbox mail,
            ApplicationEventPublisher events, TransactionTemplate transactions, ITemplateEngine templates,
            PublicUrl publicUrl, Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.organizations = organizations;
        this.mail = mail;
        this.events = events;
        this.transactions = transactions;
        this.templates = templates;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Sends the reminders that are due; how many. */
    int sendDue() {
        Instant now = clock.instant();
        int sent = 0;
        // The 1-day reminders first: a key found within a day of its expiry has its 7-day one recorded with it, unsent.
        for (ApiKeyRow row : keys.dueForReminder(Reminder.ONE_DAY, now, now.plus(Duration.ofDays(1)))) {
            sent += remind(row, Reminder.ONE_DAY, now) ? 1 : 0;
        }
        for (ApiKeyRow row : keys.dueForReminder(Reminder.SEVEN_DAYS, now, now.plus(Duration.ofDays(7)))) {
            sent += remind(row, Reminder.SEVEN_DAYS, now) ? 1 : 0;
        }
        return sent;
    }

    private boolean remind(ApiKeyRow row, Reminder reminder, Instant now) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!keys.claimReminder(row.accountId(), row.id(), reminder, now)) {
                return false; // another node, or an earlier run, sent it
            }
            if (reminder == Reminder.ONE_DAY) {
                keys.claimReminder(row.accountId(), row.id(), Reminder.SEVEN_DAYS, now);
            }
            String accountName = accounts.findAccount(row.accountId()).map(AccountView::name).orElse("your account");
            // The days actually left, rounded up: 7 and 1 on time, fewer for a key made to live less than a week.
            int daysLeft = ApiKeyService.daysLeftWithin(now, row.expiresAt(), reminder.days);
            Map<String, UserView> recipients = accounts.users(recipients(row));
            recipients.values().forEach(user -> mail.enqueue(compose(user, row, daysLeft, accountName)));
            events.publishEvent(new ApiKeyExpiring(row.accountId(), row.id(), row.name(), row.expiresAt(), daysLeft));
            return true;
        }));
    }

    /** The creator while they may still use the key; for an organization key, its administrators too. */
    private List<String> recipients(ApiKeyRow row) {
        Set<String> ids = new LinkedHashSet<>();
        if (!row.organizationKey()) {
            ids.add(row.createdByUserId());
            return List.copyOf(ids);
        }
        if (organizations.roleOf(row.accountId(), row.createdByUserId()).isPresent()) {
            ids.add(row.createdByUserId());
        }
        ids.addAll(organizations.administratorIds(row.accountId()));
        return List.copyOf(ids);
    }

    private OutgoingMail compose(UserView user, ApiKeyRow row, int daysLeft, String accountName) {
        String in = daysLeft == 1 ? "1 day" : daysLeft + " days";
        String subject = "Your API key " + row.name() + " expires in " + in;
        String kind = row.organizationKey() ? "The organization key " : "The API key ";
        String sentence = kind + row.name() + " (" + ApiKeyFormat.displayPrefix(row.keyId()) + "…) of " + accountName
                + " expires on " + WHEN.format(row.expiresAt()) + ". Programs using it will be refused from then on. "
                + "Create a new key on Settings > API Keys and put it in their place before then.";
        String link = publicUrl.of("/settings/api-keys");
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("subject", subject);
        context.setVariable("name", user.name());
        context.setVariable("sentence", sentence);
        context.setVariable("link", link);
        String html = templates.process("apikey/mail/expiring", context);
        String text = """
                Hello %s,

                %s

                Open Settings > API Keys: %s

                You receive this email because you created this key%s. Each key is reminded of 7 days and 1 day before it expires.
                """.formatted(user.name(), sentence, link, row.organizationKey() ? " or administer its organization" : "");
        return new OutgoingMail(user.email(), subject, text, html, false);
    }
}
