package dev.tractor.internal.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.ipc.FrameTooLarge;
import dev.tractor.ipc.TransportClosed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void framesRoundTripWithALittleEndianLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 7);
        Frames.write(out, new byte[] {1, 2, 3});
        Frames.write(out, new byte[0]);
        Frames.write(out, big);
        byte[] wire = out.toByteArray();
        assertArrayEquals(new byte[] {3, 0, 0, 0, 1, 2, 3}, Arrays.copyOf(wire, 7), "little-endian length");
        InputStream in = new ByteArrayInputStream(wire);
        assertArrayEquals(new byte[] {1, 2, 3}, Frames.read(in, 1 << 20, "peer"));
        assertArrayEquals(new byte[0], Frames.read(in, 1 << 20, "peer"));
        assertArrayEquals(big, Frames.read(in, 1 << 20, "peer"));
        TransportClosed end = assertThrows(TransportClosed.class, () -> Frames.read(in, 1 << 20, "peer"));
        assertTrue(end.clean());
        assertEquals("connection to peer closed by the peer", end.getMessage());
    }

    @Test
    void aStreamThatEndsInsideAFrameIsNotAnOrderlyClose() {
        TransportClosed header = assertThrows(TransportClosed.class,
                () -> Frames.read(new ByteArrayInputStream(new byte[] {5, 0}), 100, "alice"));
        assertFalse(header.clean());
        assertTrue(header.getMessage().contains("inside a frame header (2 of 4 bytes)"), header.getMessage());
        TransportClosed body = assertThrows(TransportClosed.class,
                () -> Frames.read(new ByteArrayInputStream(new byte[] {5, 0, 0, 0, 1, 2}), 100, "alice"));
        assertFalse(body.clean());
        assertTrue(body.getMessage().contains("inside a frame (2 of 5 bytes)"), body.getMessage());
    }

    @Test
    void anOversizedFrameIsRefusedBeforeAllocation() {
        byte[] fourGiB = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        FrameTooLarge e = assertThrows(FrameTooLarge.class,
                () -> Frames.read(new ByteArrayInputStream(fourGiB), Frames.DEFAULT_MAX_FRAME_BYTES, "mallory"));
        assertEquals("mallory announced a frame of 4294967295 bytes; the limit is 67108864", e.getMessage());
        assertEquals(4_294_967_295L, e.bytes());
    }

    @Test
    void theLimitComesFromItsPropertyWithinItsBounds() {
        assertEquals(Frames.DEFAULT_MAX_FRAME_BYTES, Frames.parseMax(null));
        assertEquals(1_048_576, Frames.parseMax("1048576"));
        assertEquals(65_536, Frames.parseMax(" 65536 "));
        assertEquals(Frames.MAX_MAX_FRAME_BYTES, Frames.parseMax(String.valueOf(Frames.MAX_MAX_FRAME_BYTES)));
        for (String bad : List.of("", "64m", "-1", "65535", String.valueOf(Frames.MAX_MAX_FRAME_BYTES + 1L),
                "99999999999999999999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Frames.parseMax(bad));
            assertEquals("the system property tractor.ipc.maxFrameBytes must be a number of bytes from 65536 to "
                    + Frames.MAX_MAX_FRAME_BYTES + ", not '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void anIoFailureIsReportedAsTransportClosed() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        };
        TransportClosed e = assertThrows(TransportClosed.class, () -> Frames.read(broken, 100, "bob"));
        assertTrue(e.getMessage().contains("Connection reset"), e.getMessage());
        assertFalse(e.clean());
    }
}
