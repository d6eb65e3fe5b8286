package io.mentorhub.connectors.support.http;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * Connections that never write HttpClient's header or wire log. Those two loggers print every request header and
 * body byte at DEBUG — the API key in a Basic header, a bearer token, a client secret in a token request — so an
 * administrator turning up {@code org.apache.hc} to chase a sync problem would put credentials in the hub's log.
 * With these connections no log level reveals them.
 */
final class QuietConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {

    private static final AtomicLong COUNTER = new AtomicLong();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        QuietConnection connection = new QuietConnection("connector-" + COUNTER.incrementAndGet());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    @Override
    public ManagedHttpClientConnection createConnection(SSLSocket sslSocket, Socket socket) throws IOException {
        QuietConnection connection = new QuietConnection("connector-" + COUNTER.incrementAndGet());
        if (sslSocket != null) {
            connection.bind(sslSocket, socket);
        }
        return connection;
    }

    static final class QuietConnection extends DefaultManagedHttpClientConnection {

        QuietConnection(String id) {
            super(id);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(new SocketHolder(sslSocket, socket));
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            // no header log: see the class comment
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
            // no header log: see the class comment
        }
    }
}
