package io.atrium.organization;

import static io.atrium.shared.SqlTime.utc;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notices waiting for each user; every query takes the user id. */
@Repository
class MemberNoticeRepository {

    private final JdbcClient jdbc;

    MemberNoticeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String userId, MemberNotice notice) {
        jdbc.sql("""
                insert into member_notices (id, user_id, account_id, kind, organization_name, role, created_at)
                values (:id, :userId, :accountId, :kind, :name, :role, :createdAt)""")
                .param("id", notice.id()).param("userId", userId).param("accountId", notice.organizationId())
                .param("kind", notice.kind().value()).param("name", notice.organizationName())
                .param("role", notice.role() == null ? null : notice.role().value())
                .param("createdAt", utc(notice.createdAt()))
                .update();
    }

    List<MemberNotice> ofUser(String userId) {
        return jdbc.sql("""
                select id, account_id, kind, organization_name, role, created_at from member_notices
                where user_id = :userId order by created_at, id""")
                .param("userId", userId)
                .query((rs, row) -> new MemberNotice(rs.getString("id"), MemberNotice.Kind.of(rs.getString("kind")),
                        rs.getString("account_id"), rs.getString("organization_name"),
                        rs.getString("role") == null ? null : Role.parse("role", rs.getString("role")),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** @return how many of these were still there (another request may have shown them first) */
    int delete(String userId, List<String> ids) {
        return jdbc.sql("delete from member_notices where user_id = :userId and id in (:ids)")
                .param("userId", userId).param("ids", ids).update();
    }
}
