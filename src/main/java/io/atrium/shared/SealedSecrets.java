package io.atrium.shared;

/**
 * Secrets a feature keeps sealed under the master key ({@link ServerSecret}): integration keys, two-factor secrets,
 * single sign-on client secrets. After a key rotation, {@code reseal-secrets} asks each to seal them again under the
 * current key, so the previous keys can be dropped.
 */
public interface SealedSecrets {

    /** What the secrets are, in words for the command's log ("integration secrets"). */
    String kind();

    /** Seals every secret again under the current master key. @return how many there were */
    int sealSecretsUnderCurrentKey();
}
