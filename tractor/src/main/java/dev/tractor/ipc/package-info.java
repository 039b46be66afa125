/**
 * Connections between actors (work in progress, issue 3).
 *
 * <p>So far: {@link dev.tractor.ipc.Frames}, the framing of the wire (a 4-byte little-endian length, then
 * one msgpack message), with a size limit checked before allocating, and the errors a connection ends
 * with, {@link dev.tractor.ipc.TransportClosed} and {@link dev.tractor.ipc.FrameTooLarge}. To come:
 * addresses ({@code tcp://}, {@code uds://}), the {@code Channel}, servers, and the authenticated
 * handshake.
 */
package dev.tractor.ipc;
