package dev.herd.engine.client;

/** What a client is for: receiving a topic's messages, or sending them. */
public enum ClientRole {
    SUBSCRIBER,
    PUBLISHER
}
