package io.fleetpulse.localstack.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free-port selection for servers that cannot bind port 0 themselves. */
public final class Ports {

    /** How often a server started on a port chosen here is retried when someone else took the port meanwhile. */
    static final int BIND_ATTEMPTS = 5;

    private Ports() {
    }

    public static int free(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    static boolean isBindFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("Failed to bind") || message.contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }
}
