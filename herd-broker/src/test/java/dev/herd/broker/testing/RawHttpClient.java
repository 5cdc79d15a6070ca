package dev.herd.broker.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain blocking socket, byte for byte as written: for malformed requests, pipelining (several
 * requests in one write) and exact response heads. Reads time out after the given duration.
 *
 * <pre>{@code
 * try (RawHttpClient http = RawHttpClient.connect(port, Duration.ofSeconds(10))) {
 *     http.send("GET /stats HTTP/1.1\r\nHost: x\r\n\r\n");
 *     RawHttpClient.Response response = http.readResponse();
 * }
 * }</pre>
 */
public final class RawHttpClient implements AutoCloseable {

    /** A response with a {@code Content-Length} body (or none); header names in lower case. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawHttpClient connect(int port, Duration readTimeout) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.setTcpNoDelay(true);
            return new RawHttpClient(socket);
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to 127.0.0.1:" + port + ": " + e, e);
        }
    }

    /** One request with {@code Connection: close}, its response read; for tests that want no idle connection. */
    public static Response exchange(int port, String method, String pathAndQuery, Map<String, String> headers,
                                    byte[] body) {
        try (RawHttpClient http = connect(port, Duration.ofSeconds(10))) {
            StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            http.send(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                http.send(body);
            }
            return http.readResponse();
        }
    }

    public void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("write failed: " + e, e);
        }
    }

    /** Reads one response: status line, headers, and a {@code Content-Length} body. */
    public Response readResponse() {
        try {
            String statusLine = readLine();
            if (statusLine == null) {
                throw new IllegalStateException("connection closed before a response");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Response(status, headers, in.readNBytes(length));
        } catch (IOException e) {
            throw new IllegalStateException("read failed: " + e, e);
        }
    }

    /** Whether the server closed the connection (EOF) within the read timeout. */
    public boolean awaitEof() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true; // a reset also ends it
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
