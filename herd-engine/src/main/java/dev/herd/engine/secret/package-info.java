/**
 * Keeping credentials out of what herd writes: URL query parameters whose names look like credentials, URL
 * user-info, header values and passwords become {@code ***} in results, reports and the console, while the target
 * still gets them as given.
 */
package dev.herd.engine.secret;
