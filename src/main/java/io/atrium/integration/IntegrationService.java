package io.atrium.integration;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.integration.IntegrationRepository.IntegrationRow;
import io.atrium.shared.Actor;
import io.atrium.shared.DisplayNames;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.InvalidInputException.Problem;
import io.atrium.shared.NotFoundException;
import io.atrium.shared.SealedSecrets;
import io.atrium.shared.ServerSecret;

/**
 * S3 integrations of an account (R-RES-1…4). Every member of an organization may manage them. The
 * credentials are checked against the bucket before anything is saved, and the secret is sealed with the
 * server's master key, bound to the integration's id.
 */
@Service
public class IntegrationService implements SealedSecrets {

    static final String SECRET_PURPOSE = "integration-secret";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{2,32}");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final IntegrationRepository integrations;
    private final BucketAccess buckets;
    private final ServerSecret secret;
    private final AuditLog audit;
    private final Clock clock;

    IntegrationService(IntegrationRepository integrations, BucketAccess buckets, ServerSecret secret, AuditLog audit,
            Clock clock) {
        this.integrations = integrations;
        this.buckets = buckets;
        this.secret = secret;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws InvalidInputException for a missing or malformed field, a taken name, or a bucket the credentials
     *     cannot list (with the reason: bucket missing, access denied, endpoint unreachable…)
     */
    @Transactional
    public IntegrationView create(Actor actor, IntegrationCommand command) {
        String accountId = actor.accountId();
        String userId = actor.userId();
        BucketConfig config = validated(command, null);
        String name = DisplayNames.require("name", command.name());
        if (integrations.nameTaken(accountId, name, null)) {
            throw nameTaken(name);
        }
        check(config);
        Instant now = clock.instant();
        String id = Ids.newId(now);
        IntegrationRow row = new IntegrationRow(id, accountId, name, config.bucket(), config.region(), config.endpoint(),
                config.prefix(), config.accessKeyId(), secret.seal(SECRET_PURPOSE, id, config.secretAccessKey()), now, now);
        try {
            integrations.insert(row);
        } catch (DuplicateKeyException raceWithAnotherCreate) {
            throw nameTaken(name);
        }
        audit.record(accountId, userId, AuditAction.INTEGRATION_CREATED, name, "bucket=" + config.bucket());
        return IntegrationView.of(row);
    }

    public List<IntegrationView> list(String accountId) {
        return integrations.ofAccount(accountId).stream().map(IntegrationView::of).toList();
    }

    public IntegrationView get(String accountId, String integrationId) {
        return IntegrationView.of(row(accountId, integrationId));
    }

    /**
     * Changes the given fields; when the bucket, its place or the credentials change, they are checked again.
     *
     * @throws InvalidInputException as for {@link #create}
     */
    @Transactional
    public IntegrationView update(Actor actor, String integrationId, IntegrationCommand change) {
        String accountId = actor.accountId();
        String userId = actor.userId();
        IntegrationRow current = row(accountId, integrationId);
        BucketConfig before = config(current);
        IntegrationCommand merged = new IntegrationCommand(
                change.name() != null ? change.name() : current.name(),
                change.bucket() != null ? change.bucket() : current.bucket(),
                change.region() != null ? change.region() : current.region(),
                change.endpoint() != null ? change.endpoint() : current.endpoint(),
                change.prefix() != null ? change.prefix() : current.prefix(),
                change.accessKeyId() != null ? change.accessKeyId() : current.accessKeyId(),
                change.secretAccessKey() != null && !change.secretAccessKey().isEmpty() ? change.secretAccessKey()
                        : before.secretAccessKey());
        BucketConfig config = validated(merged, current.id());
        String name = DisplayNames.require("name", merged.name());
        if (integrations.nameTaken(accountId, name, integrationId)) {
            throw nameTaken(name);
        }
        if (!config.equals(before)) {
            check(config);
        }
        Instant now = clock.instant();
        IntegrationRow updated = new IntegrationRow(current.id(), accountId, name, config.bucket(), config.region(),
                config.endpoint(), config.prefix(), config.accessKeyId(),
                config.secretAccessKey().equals(before.secretAccessKey()) && secret.isCurrent(current.secretSealed())
                        ? current.secretSealed() : secret.seal(SECRET_PURPOSE, current.id(), config.secretAccessKey()),
                current.createdAt(), now);
        try {
            integrations.update(updated, now);
        } catch (DuplicateKeyException raceWithAnotherUpdate) {
            throw nameTaken(name);
        }
        audit.record(accountId, userId, AuditAction.INTEGRATION_UPDATED, name, changedFields(current, updated, before, config));
        return IntegrationView.of(updated);
    }

    @Transactional
    public void delete(Actor actor, String integrationId) {
        String accountId = actor.accountId();
        String userId = actor.userId();
        IntegrationRow row = row(accountId, integrationId);
        integrations.delete(accountId, integrationId);
        audit.record(accountId, userId, AuditAction.INTEGRATION_DELETED, row.name(), "bucket=" + row.bucket());
    }

    /**
     * Seals every integration secret again under the current master key (after a rotation, with the old key in
     * {@code atrium.previous-secret-keys}).
     *
     * @return how many secrets were sealed again
     */
    @Override
    public String kind() {
        return "S3 integration secret(s)";
    }

    @Override
    @Transactional
    public int sealSecretsUnderCurrentKey() {
        int resealed = 0;
        for (IntegrationRow row : integrations.all()) {
            if (!secret.isCurrent(row.secretSealed())) {
                String plain = secret.open(SECRET_PURPOSE, row.id(), row.secretSealed());
                integrations.replaceSealedSecret(row.id(), secret.seal(SECRET_PURPOSE, row.id(), plain));
                resealed++;
            }
        }
        return resealed;
    }

    /** The bucket settings with the secret opened: for imports, inside the server only. */
    BucketConfig bucketConfig(String accountId, String integrationId) {
        return config(row(accountId, integrationId));
    }

    IntegrationRow row(String accountId, String integrationId) {
        return integrations.find(accountId, integrationId).orElseThrow(() -> new NotFoundException("Integration"));
    }

    BucketConfig config(IntegrationRow row) {
        return new BucketConfig(row.bucket(), row.region(), row.endpoint(), row.prefix(), row.accessKeyId(),
                secret.open(SECRET_PURPOSE, row.id(), row.secretSealed()));
    }

    private void check(BucketConfig config) {
        try {
            buckets.check(config);
        } catch (BucketAccess.BucketProblem problem) {
            throw problem.asInvalidInput();
        }
    }

    /** Checks every field at once, so a form shows each problem next to its field. */
    private static BucketConfig validated(IntegrationCommand command, String existingId) {
        List<Problem> problems = new ArrayList<>();
        String bucket = strip(command.bucket());
        if (bucket.isEmpty()) {
            problems.add(new Problem("bucket", "parameter_not_provided", "Enter the bucket's name."));
        } else if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            problems.add(new Problem("bucket", "parameter_invalid",
                    "A bucket name has 3 to 63 lowercase letters, digits, dots and hyphens."));
        }
        String region = strip(command.region()).toLowerCase(Locale.ROOT);
        if (region.isEmpty()) {
            problems.add(new Problem("region", "parameter_not_provided", "Enter the bucket's region, such as us-east-1."));
        } else if (!REGION.matcher(region).matches()) {
            problems.add(new Problem("region", "parameter_invalid", "A region looks like us-east-1 or eu-west-3."));
        }
        String endpoint = endpoint(strip(command.endpoint()), problems);
        String prefix = strip(command.prefix());
        while (prefix.startsWith("/")) {
            prefix = prefix.substring(1);
        }
        if (prefix.length() > 500 || prefix.codePoints().anyMatch(Character::isISOControl)) {
            problems.add(new Problem("prefix", "parameter_invalid", "A prefix has at most 500 printable characters."));
        }
        String accessKeyId = strip(command.accessKeyId());
        if (accessKeyId.isEmpty()) {
            problems.add(new Problem("access_key_id", "parameter_not_provided", "Enter the access key id."));
        } else if (!ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            problems.add(new Problem("access_key_id", "parameter_invalid", "An access key id has no spaces."));
        }
        String secretAccessKey = command.secretAccessKey() == null ? "" : command.secretAccessKey().strip();
        if (secretAccessKey.isEmpty()) {
            problems.add(new Problem("secret_access_key", "parameter_not_provided", existingId == null
                    ? "Enter the secret access key." : "Enter the secret access key, or leave it out to keep it."));
        } else if (secretAccessKey.length() > 256) {
            problems.add(new Problem("secret_access_key", "parameter_invalid", "A secret access key has at most 256 characters."));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new BucketConfig(bucket, region, endpoint, prefix, accessKeyId, secretAccessKey);
    }

    private static String endpoint(String value, List<Problem> problems) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null) {
                return scheme + "://" + uri.getRawAuthority();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(new Problem("endpoint", "parameter_invalid",
                "The endpoint is an http or https address such as https://s3.example.com:9000, without a path."));
        return null;
    }

    private static String changedFields(IntegrationRow current, IntegrationRow updated, BucketConfig before,
            BucketConfig after) {
        List<String> changed = new ArrayList<>();
        if (!current.name().equals(updated.name())) {
            changed.add("name");
        }
        if (!before.bucket().equals(after.bucket())) {
            changed.add("bucket");
        }
        if (!before.region().equals(after.region())) {
            changed.add("region");
        }
        if (!java.util.Objects.equals(before.endpoint(), after.endpoint())) {
            changed.add("endpoint");
        }
        if (!before.prefix().equals(after.prefix())) {
            changed.add("prefix");
        }
        if (!before.accessKeyId().equals(after.accessKeyId()) || !before.secretAccessKey().equals(after.secretAccessKey())) {
            changed.add("credentials");
        }
        return changed.isEmpty() ? null : "changed=" + String.join(",", changed);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static InvalidInputException nameTaken(String name) {
        return new InvalidInputException("name", "integration_name_already_exists",
                "An integration named " + name + " already exists in this account.");
    }
}
