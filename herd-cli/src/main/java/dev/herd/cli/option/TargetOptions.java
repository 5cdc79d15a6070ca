package dev.herd.cli.option;

import dev.herd.api.ScenarioBuilder;
import dev.herd.cli.convert.DurationConverter;
import dev.herd.cli.scenario.ProtocolChoice;
import dev.herd.engine.feeder.FeederOrder;
import dev.herd.engine.tls.TlsProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the target is and how clients talk to it: shared by every built-in scenario. */
public final class TargetOptions {

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "Subscribe URL template: ws:// or wss:// for WebSocket, http:// or https:// for SSE; "
                    + "{topic} is replaced by each topic's name (e.g. ws://127.0.0.1:8080/ws/{topic}).")
    public String url;

    @Option(names = "--publish-url", paramLabel = "URL",
            description = "Where to publish: a ws:// URL (publisher connections send frames) or an http:// URL "
                    + "(POST, one message per request). Default: WebSocket frames on --url. Required for SSE.")
    public String publishUrl;

    @Option(names = {"-H", "--header"}, paramLabel = "NAME=VALUE",
            description = "Extra request header for the upgrade or SSE request (repeatable).")
    public Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--subprotocol", paramLabel = "NAME",
            description = "WebSocket subprotocol to offer (repeatable).")
    public List<String> subprotocols = new ArrayList<>();

    @Option(names = "--permessage-deflate", description = "Offer WebSocket permessage-deflate compression (RFC 7692).")
    public boolean permessageDeflate;

    @Option(names = "--insecure", description = "Skip TLS certificate and host name verification (wss://, https://).")
    public boolean insecure;

    @Option(names = "--trust-cert", paramLabel = "FILE",
            description = "Trust this certificate (PEM) or truststore (PKCS12 or JKS) instead of the JDK's authorities, "
                    + "e.g. a self-signed target's certificate; verification stays on (wss://, https://).")
    public Path trustCert;

    @Option(names = "--trust-store-password", paramLabel = "PASSWORD",
            description = "Password of a --trust-cert truststore (not needed for PEM).")
    public String trustStorePassword;

    @Option(names = "--tls-provider", paramLabel = "auto|openssl|jdk",
            description = "TLS engine of the clients: openssl (BoringSSL through netty-tcnative), jdk, or auto: openssl "
                    + "when it loads here (default: ${DEFAULT-VALUE}).")
    public TlsProvider tlsProvider;

    @Option(names = "--no-tls-resume",
            description = "Never resume a TLS session: every handshake is full. By default each client resumes its "
                    + "previous session when it reconnects (session tickets or ids, TLS 1.2 and 1.3), as browsers do.")
    public boolean noTlsResume;

    @Option(names = "--client-cert", paramLabel = "FILE",
            description = "Client certificate shown when the server asks (mutual TLS): a PEM chain (with --client-key, or "
                    + "holding the key too) or a PKCS12 store. May name a file per client: {client} or a feeder column, "
                    + "e.g. 'certs/{user}.pem'.")
    public String clientCert;

    @Option(names = "--client-key", paramLabel = "FILE",
            description = "PEM private key (PKCS#8) of a PEM --client-cert; may hold placeholders as --client-cert does.")
    public String clientKey;

    @Option(names = "--client-key-password", paramLabel = "PASSWORD",
            description = "Password of an encrypted --client-key or of a PKCS12 --client-cert.")
    public String clientKeyPassword;

    @Option(names = "--sni", paramLabel = "NAME",
            description = "Server name sent in the TLS handshake (SNI) and verified against the certificate, instead "
                    + "of the URL's host (e.g. a virtual host reached by its address).")
    public String sni;

    @Option(names = "--tls-versions", paramLabel = "LIST", split = ",",
            description = "TLS versions offered, comma-separated: TLSv1.3, TLSv1.2 (default: ${DEFAULT-VALUE}).")
    public List<String> tlsVersions;

    @Option(names = "--alpn", paramLabel = "LIST", split = ",",
            description = "Application protocols offered by ALPN, comma-separated; none for no ALPN "
                    + "(default: ${DEFAULT-VALUE}, what a browser offers for a WebSocket).")
    public List<String> alpn;

    @Option(names = "--redact", paramLabel = "NAME",
            description = "Also mask this URL query parameter in results and on the console (repeatable); those "
                    + "whose names look like credentials (token, access_token, key, secret, sig, ...) always are.")
    public List<String> redact = new ArrayList<>();

    @Option(names = "--show-header", paramLabel = "NAME",
            description = "Write this -H header's value in results and on the console as given (repeatable); every "
                    + "other header value is written as ***.")
    public List<String> showHeaders = new ArrayList<>();

    @Option(names = "--protocol", paramLabel = "NAME|FILE",
            description = "What each WebSocket speaks once upgraded: raw (default: the topic is in the URL), socketio, "
                    + "stomp, mqtt, graphql-ws, or a script protocol's YAML file (docs/protocols.md).")
    public String protocol;

    @Option(names = "--protocol-option", paramLabel = "KEY=VALUE",
            description = "An option of the protocol (repeatable), e.g. destination=/topic/{{topic}} for stomp, qos=1 "
                    + "for mqtt; each protocol's options and defaults are in docs/protocols.md.")
    public Map<String, String> protocolOptions = new LinkedHashMap<>();

    @Option(names = "--feeder", paramLabel = "FILE",
            description = "Per-client values (CSV with a header row, or JSON lines): each column fills {name} in the "
                    + "URL and header values and {{name}} in protocol frames, e.g. a token per user.")
    public Path feeder;

    @Option(names = "--feeder-order", paramLabel = "sequential|circular|random",
            description = "Which row each client takes: sequential (default: client i takes row i; fewer rows than "
                    + "clients is an error), circular (row i mod rows) or random (by --seed).")
    public FeederOrder feederOrder;

    @Option(names = "--feeder-secret", paramLabel = "COLUMN",
            description = "A feeder column whose values are secrets, never written to results or the console "
                    + "(repeatable).")
    public List<String> feederSecrets = new ArrayList<>();

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Most time one connection attempt may take, all phases together (default: ${DEFAULT-VALUE}).")
    public Duration connectTimeout;

    /** Sets these options on {@code builder}: the one place the command line's target options meet the engine. */
    public void applyTo(ScenarioBuilder<?> builder) {
        builder.url(url).publishUrl(publishUrl).headers(headers).subprotocols(subprotocols)
                .permessageDeflate(permessageDeflate).insecure(insecure).trustCert(trustCert)
                .trustStorePassword(trustStorePassword).connectTimeout(connectTimeout)
                .clientCert(clientCert).clientKey(clientKey).clientKeyPassword(clientKeyPassword).sni(sni);
        if (tlsProvider != null) {
            builder.tlsProvider(tlsProvider);
        }
        if (noTlsResume) {
            builder.tlsResume(false);
        }
        if (tlsVersions != null) {
            builder.tlsVersions(tlsVersions);
        }
        if (alpn != null) {
            builder.alpn(alpn);
        }
        redact.forEach(builder::redact);
        showHeaders.forEach(builder::showHeader);
        if (protocol != null) {
            builder.protocol(ProtocolChoice.resolve(protocol, protocolOptions, null));
        } else if (!protocolOptions.isEmpty()) {
            builder.protocol(dev.herd.engine.protocol.RawProtocol.NAME, protocolOptions);
        }
        if (feeder != null) {
            builder.feeder(feeder);
        }
        if (feederOrder != null) {
            builder.feederOrder(feederOrder);
        }
        feederSecrets.forEach(builder::feederSecret);
    }
}
