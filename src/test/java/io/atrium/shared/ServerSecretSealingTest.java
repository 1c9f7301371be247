package io.atrium.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSecretSealingTest {

    static final String OLD = Base64.getEncoder().encodeToString("old-master-key-of-thirty-two-by!".getBytes());
    static final String NEW = Base64.getEncoder().encodeToString("new-master-key-of-thirty-two-by!".getBytes());

    @TempDir
    Path data;

    @Test
    void aSealedSecretOpensOnlyForItsPurposeAndRecordAndNeverShowsTheSecret() {
        ServerSecret secret = new ServerSecret(NEW, List.of(), new AtriumProperties(data, null));
        String sealed = secret.seal("integration-secret", "row-1", "wJalrXUtnFEMI/K7MDENG");

        assertThat(sealed).startsWith("v1.").doesNotContain("wJalrXUtnFEMI");
        assertThat(secret.seal("integration-secret", "row-1", "wJalrXUtnFEMI/K7MDENG")).isNotEqualTo(sealed);
        assertThat(secret.open("integration-secret", "row-1", sealed)).isEqualTo("wJalrXUtnFEMI/K7MDENG");
        assertThatThrownBy(() -> secret.open("integration-secret", "row-2", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secret.open("other-purpose", "row-1", sealed)).isInstanceOf(IllegalStateException.class);
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> secret.open("integration-secret", "row-1", tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterARotationOldSealsOpenOnlyWhileTheOldKeyIsListedAsPrevious() {
        ServerSecret before = new ServerSecret(OLD, List.of(), new AtriumProperties(data, null));
        String sealed = before.seal("integration-secret", "row-1", "the-secret");

        ServerSecret during = new ServerSecret(NEW, List.of(OLD), new AtriumProperties(data, null));
        ServerSecret after = new ServerSecret(NEW, List.of(), new AtriumProperties(data, null));

        assertThat(during.isCurrent(sealed)).isFalse();
        assertThat(during.open("integration-secret", "row-1", sealed)).isEqualTo("the-secret");
        assertThatThrownBy(() -> after.open("integration-secret", "row-1", sealed))
                .hasMessageContaining("atrium.previous-secret-keys");
        String resealed = during.seal("integration-secret", "row-1", "the-secret");
        assertThat(after.isCurrent(resealed)).isTrue();
        assertThat(after.open("integration-secret", "row-1", resealed)).isEqualTo("the-secret");
    }

    @Test
    void inEmbeddedModeTheMasterKeyIsMadeOnceWithOwnerOnlyPermissions() throws Exception {
        ServerSecret first = new ServerSecret("", List.of(), new AtriumProperties(data, null));
        String sealed = first.seal("p", "c", "s");
        ServerSecret second = new ServerSecret("", List.of(), new AtriumProperties(data, null));

        assertThat(second.open("p", "c", sealed)).isEqualTo("s");
        assertThat(java.nio.file.Files.getPosixFilePermissions(data.resolve("secret.key")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }
}
