/**
 * GraphQL subscriptions over graphql-transport-ws ({@code --protocol graphql-ws}): {@link
 * dev.herd.engine.protocol.graphqlws.GraphqlWsProtocol} initialises the connection, starts one subscription and hands
 * its {@code next} messages to the stamp scan; publishing is by HTTP. See <a
 * href="https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md">the protocol</a>.
 */
package dev.herd.engine.protocol.graphqlws;
