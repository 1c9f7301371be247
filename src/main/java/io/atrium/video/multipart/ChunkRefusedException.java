package io.atrium.video.multipart;

/** A chunk sent to a chunk link that is not taken; nothing of it is stored. */
class ChunkRefusedException extends RuntimeException {

    private final int status;
    private final String code;

    ChunkRefusedException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
