package dev.tractor.internal.ipc;

import dev.tractor.ipc.Address;

/** The channel contract over TCP on the loopback interface. */
class TcpChannelTest extends ChannelContractTest {
    @Override
    Address listenAddress() {
        return Address.Tcp.loopback(0);
    }
}
