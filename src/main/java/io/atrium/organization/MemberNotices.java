package io.atrium.organization;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import io.atrium.account.AccountService;
import io.atrium.account.UserView;
import io.atrium.mail.MailOutbox;
import io.atrium.mail.OutgoingMail;
import io.atrium.shared.Ids;
import io.atrium.shared.PublicUrl;

/**
 * Says what happened when someone else changed a user's place in an organization: removed them, deleted the
 * organization, or changed their role. Without it the user's next page would simply be their personal account, or a
 * bare 404 for a link into the organization. Each change leaves a notice that the user's next page shows once (the
 * layout takes it, error pages included) and an email through the outbox, both in the transaction of the change.
 */
@Service
public class MemberNotices {

    private final MemberNoticeRepository notices;
    private final AccountService accounts;
    private final MailOutbox mail;
    private final ITemplateEngine templates;
    private final PublicUrl publicUrl;
    private final Clock clock;

    MemberNotices(MemberNoticeRepository notices, AccountService accounts, MailOutbox mail, ITemplateEngine templates,
            PublicUrl publicUrl, Clock clock) {
        this.notices = notices;
        this.accounts = accounts;
        this.mail = mail;
        this.templates = templates;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /**
     * The user's waiting notices, oldest first, which are then dropped: a page that shows them calls this once.
     * Costs one indexed query when there are none, as on almost every page.
     */
    @Transactional
    public List<MemberNotice> take(String userId) {
        List<MemberNotice> waiting = notices.ofUser(userId);
        if (!waiting.isEmpty()) {
            notices.delete(userId, waiting.stream().map(MemberNotice::id).toList());
        }
        return waiting;
    }

    /** Leaves the notice and queues its email, in the caller's transaction (the change's). */
    @Transactional(propagation = Propagation.MANDATORY)
    void tell(String userId, MemberNotice.Kind kind, String organizationId, String organizationName, Role role) {
        Instant now = clock.instant();
        MemberNotice notice = new MemberNotice(Ids.newId(now), kind, organizationId, organizationName, role, now);
        notices.insert(userId, notice);
        accounts.findUser(userId).ifPresent(user -> mail.enqueue(compose(user, notice)));
    }

    private OutgoingMail compose(UserView user, MemberNotice notice) {
        String subject = switch (notice.kind()) {
            case REMOVED -> "You were removed from " + notice.organizationName() + " on Atrium";
            case DELETED -> notice.organizationName() + " was deleted on Atrium";
            case ROLE_CHANGED -> "You are now " + notice.role().withArticle() + " of " + notice.organizationName()
                    + " on Atrium";
        };
        String link = publicUrl.of("/");
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("subject", subject);
        context.setVariable("name", user.name());
        context.setVariable("sentence", notice.sentence());
        context.setVariable("link", link);
        String html = templates.process("organization/mail/notice", context);
        String text = """
                Hello %s,

                %s

                Open Atrium: %s

                You receive this email because an administrator changed your membership. Nothing needs doing.
                """.formatted(user.name(), notice.sentence(), link);
        return new OutgoingMail(user.email(), subject, text, html, false);
    }
}
