/**
 * JSON frames for the protocols that speak JSON (Socket.IO, graphql-ws): templates whose placeholders are escaped
 * where they sit inside a JSON string, escaping of option text, and options checked as JSON of the expected kind.
 */
package dev.herd.engine.protocol.json;
