/**
 * The actor runtime: every actor is a JVM process running a {@link dev.tractor.sc} runtime; nurseries of
 * actors spawn and supervise them, portals call their functions (work in progress, issue 4).
 */
package dev.tractor;
