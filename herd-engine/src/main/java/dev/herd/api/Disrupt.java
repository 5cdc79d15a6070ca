package dev.herd.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** What happens at a reconnect storm's t0 ({@code --disrupt}). */
public enum Disrupt {
    /** herd's reference target restarts (POST /admin/restart): every connection closes and it refuses new ones a while. */
    TARGET_RESTART("target-restart"),
    /** herd resets every connection from its side (TCP RST), as a network blip does. */
    CLIENT_DROP("client-drop"),
    /** A command of the user's, run once with /bin/sh -c (restart a container, a service). */
    COMMAND("command");

    private final String key;

    Disrupt(String key) {
        this.key = key;
    }

    /** Its name on the command line and in scenario files. */
    public String key() {
        return key;
    }

    /** Every disruption by its name, in order. */
    public static Map<String, Disrupt> byKey() {
        Map<String, Disrupt> map = new LinkedHashMap<>();
        for (Disrupt d : values()) {
            map.put(d.key, d);
        }
        return map;
    }
}
