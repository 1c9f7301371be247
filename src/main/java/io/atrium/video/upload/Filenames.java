package io.atrium.video.upload;

/** The name a video is stored under, from the one its uploader or its URL gave. */
public final class Filenames {

    private Filenames() {
    }

    /** The last segment of the name the client gave, without control characters. */
    public static String clean(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        name = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (name.isEmpty()) {
            return "video";
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }
}
