package io.atrium.storage;

import java.util.regex.Pattern;

/** The keys and ids storage accepts, so that no key can reach outside its account's objects. */
final class StorageKeys {

    /**
     * {@code <account id>/<media id>}, then an optional kind ({@code -thumbnail}, {@code -hls}) with an optional
     * five-digit number (an HLS segment, {@code -hls-00000}), then an extension: no slash, dot or other character
     * that could name anything outside the account's own objects.
     */
    private static final Pattern KEY = Pattern.compile(
            "[0-9a-f]{24}/[0-9a-f]{24}(-[a-z]{1,16}(-[0-9]{5})?)?\\.[a-z0-9]{1,8}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");

    private StorageKeys() {
    }

    static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a storage key: " + key);
        }
        return key;
    }

    /**
     * The key of one part of an upload in parts to {@code key} ({@code <account>/<id>.mp4} has parts
     * {@code <account>/<id>-part.1}, ...): the object's own, so its parts stay in its account and are deleted
     * with it.
     */
    static String partKey(String key, int number) {
        requireKey(key);
        if (number < 1 || number > ObjectStorage.MAX_PARTS) {
            throw new IllegalArgumentException("Not a part number: " + number);
        }
        return key.substring(0, key.indexOf('/') + 25) + PART_SUFFIX + number;
    }

    /** What the names of the parts of an upload in parts start with, after their object's id. */
    static final String PART_SUFFIX = "-part.";

    static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not an id: " + id);
        }
        return id;
    }

    static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /**
     * The video an object's name (the part of its key after the account) belongs to: its first 24 characters,
     * when they are an id and a {@code .} or {@code -} follows; {@code null} for anything else.
     */
    static String videoIdOf(String name) {
        if (name.length() < 26 || (name.charAt(24) != '.' && name.charAt(24) != '-')) {
            return null;
        }
        String videoId = name.substring(0, 24);
        return isId(videoId) ? videoId : null;
    }

    /** What every key of one video starts with: its file, its thumbnails and its HLS playlist and segments. */
    static String videoPrefix(String accountId, String videoId) {
        return requireId(accountId) + "/" + requireId(videoId);
    }

    static String accountPrefix(String accountId) {
        return requireId(accountId) + "/";
    }
}
