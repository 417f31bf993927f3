package cn.gridgov.proof.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between the application and one of its dependencies (PostgreSQL, object storage, WeChat) that a
 * test can cut and heal: {@link #cut()} resets every open connection and refuses new ones, as a server that is
 * restarting or stopped does; {@link #heal()} lets connections through again. The dependency itself keeps running,
 * so the rest of the suite is not disturbed.
 */
final class ChaosProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;
    private volatile boolean closed;

    ChaosProxy(String name, String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "chaos-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Resets every connection through the proxy and refuses new ones until {@link #heal()}. */
    void cut() {
        open = false;
        for (Socket s : live) {
            reset(s);
        }
        live.clear();
    }

    void heal() {
        open = true;
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (!open) {
                reset(client);
                continue;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                live.add(client);
                live.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                System.err.println("chaos proxy to " + targetHost + ":" + targetPort + ": " + e);
                reset(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed or the proxy was cut
            } finally {
                live.remove(from);
                live.remove(to);
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "chaos-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Closes with a TCP reset (linger 0), as a crashed or restarting server's connections end. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
