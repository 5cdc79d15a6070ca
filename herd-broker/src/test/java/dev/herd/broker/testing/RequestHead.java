package dev.herd.broker.testing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The request line and headers of one request a {@link MisbehavingServer} read; header names in lower case. */
public record RequestHead(String method, String target, Map<String, String> headers) {

    static RequestHead parse(String head) {
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new RequestHead(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
