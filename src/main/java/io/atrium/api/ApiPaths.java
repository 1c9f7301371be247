package io.atrium.api;

/**
 * Which request paths belong to the HTTP API ({@code /v1.3} and {@code /api/v1}), so that every layer that
 * answers a request, down to the servlet container, can answer those in the API's error format.
 */
public final class ApiPaths {

    private static final String[] PREFIXES = {"/v1.3", "/api/v1"};

    private ApiPaths() {
    }

    /**
     * Whether a request URI, as it came on the request line (percent-encoded, path parameters and all), is under
     * one of the API's prefixes. The check decodes what it can and folds repeated slashes, so that a URL a lower
     * layer refuses for its encoding ({@code /v1%2e3/...}, {@code //api/v1/...}) is still recognised as meant for
     * the API.
     */
    public static boolean isApiPath(String requestUri) {
        if (requestUri == null) {
            return false;
        }
        String path = foldSlashes(decodeLeniently(requestUri));
        for (String prefix : PREFIXES) {
            if (path.startsWith(prefix) && (path.length() == prefix.length()
                    || path.charAt(prefix.length()) == '/' || path.charAt(prefix.length()) == ';')) {
                return true;
            }
        }
        return false;
    }

    /** Percent-decodes single bytes as characters, leaving malformed escapes as they are. */
    private static String decodeLeniently(String uri) {
        StringBuilder decoded = new StringBuilder(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%' && i + 2 < uri.length() && hex(uri.charAt(i + 1)) >= 0 && hex(uri.charAt(i + 2)) >= 0) {
                decoded.append((char) (hex(uri.charAt(i + 1)) * 16 + hex(uri.charAt(i + 2))));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    private static String foldSlashes(String path) {
        String unified = path.replace('\\', '/');
        StringBuilder folded = new StringBuilder(unified.length());
        for (int i = 0; i < unified.length(); i++) {
            char c = unified.charAt(i);
            if (c != '/' || folded.isEmpty() || folded.charAt(folded.length() - 1) != '/') {
                folded.append(c);
            }
        }
        return folded.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
