/**
 * Fault injection for herd's resilience and calibration scenarios: restart, abrupt connection drops, delivery
 * stalls, and skipped deliveries to one subscriber.
 */
package dev.herd.broker.fault;
