package io.atrium.audit;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AuditRepository {

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String accountId, String actorUserId, String action, String target, String details,
            String clientAddress, Instant createdAt) {
        jdbc.sql("""
                insert into audit_log (id, account_id, actor_user_id, action, target, details, client_address, created_at)
                values (:id, :accountId, :actor, :action, :target, :details, :address, :createdAt)""")
                .param("id", id)
                .param("accountId", accountId)
                .param("actor", actorUserId)
                .param("action", action)
                .param("target", target)
                .param("details", details)
                .param("address", clientAddress)
                .param("createdAt", createdAt.atOffset(ZoneOffset.UTC))
                .update();
    }
}
