/**
 * The HTTP side of the target: routing, in-order answers for pipelined requests, publishing by POST,
 * {@code /stats}, the admin (fault) endpoints, and refusing connections above the limit.
 */
package dev.herd.broker.http;
