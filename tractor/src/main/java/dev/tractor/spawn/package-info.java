/**
 * How an actor's process is started, watched and reaped (work in progress, issue 4).
 */
package dev.tractor.spawn;
