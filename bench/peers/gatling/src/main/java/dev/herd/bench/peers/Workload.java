package dev.herd.bench.peers;

import java.time.Duration;

/** The workload's parameters, given by bench/peers.sh as system properties (the same figures every tool gets). */
final class Workload {
    private Workload() {
    }

    static String baseUrl() {
        return "ws://127.0.0.1:" + Integer.getInteger("peers.port");
    }

    static int clients() {
        return Integer.getInteger("peers.clients");
    }

    static Duration seconds(String name) {
        return Duration.ofSeconds(Integer.getInteger("peers." + name));
    }
}
