package dev.tractor.ipc;

/** The channel contract over TCP on the loopback interface. */
class TcpChannelTest extends ChannelContractTest {
    @Override
    Address listenAddress() {
        return Address.Tcp.loopback(0);
    }
}
