package io.atrium.video.store;

/**
 * The {@code video_metadata.value_key} of a value (V30): the value itself up to {@value #LENGTH} characters, its
 * first {@value #LENGTH} otherwise (one fewer when the last would split a UTF-16 pair), so that an index can hold it
 * however long the value is (a string value may have 2,000 characters, more than a B-tree entry takes).
 */
final class MetadataKeys {

    static final int LENGTH = 64;

    private MetadataKeys() {
    }

    static String of(String value) {
        if (value.length() <= LENGTH) {
            return value;
        }
        return value.substring(0, Character.isHighSurrogate(value.charAt(LENGTH - 1)) ? LENGTH - 1 : LENGTH);
    }

    /**
     * Whether rows whose key equals this value's key hold exactly this value: true for a value shorter than any cut
     * key (a cut key has {@value #LENGTH} or one fewer characters), so that the key alone decides.
     */
    static boolean decides(String value) {
        return value.length() < LENGTH - 1;
    }
}
