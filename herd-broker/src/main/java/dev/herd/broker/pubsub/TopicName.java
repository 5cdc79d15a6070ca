package dev.herd.broker.pubsub;

/** Topic names: 1 to 128 characters of {@code [A-Za-z0-9._~-]}, the URL path characters needing no escape. */
public final class TopicName {

    public static final int MAX_LENGTH = 128;

    private TopicName() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '~' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
