package dev.herd.broker.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeflateNegotiationTest {

    @ParameterizedTest(name = "offer \"{0}\" is answered \"{1}\"")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            permessage-deflate                                          | permessage-deflate; server_no_context_takeover
            permessage-deflate; client_max_window_bits                  | permessage-deflate; server_no_context_takeover
            permessage-deflate; client_max_window_bits=10               | permessage-deflate; server_no_context_takeover
            permessage-deflate; client_no_context_takeover              | permessage-deflate; server_no_context_takeover; client_no_context_takeover
            permessage-deflate; server_no_context_takeover; client_no_context_takeover | permessage-deflate; server_no_context_takeover; client_no_context_takeover
            PerMessage-Deflate; Client_No_Context_Takeover              | permessage-deflate; server_no_context_takeover; client_no_context_takeover
            permessage-deflate; server_max_window_bits=10               | -
            permessage-deflate; server_max_window_bits=10, permessage-deflate | permessage-deflate; server_no_context_takeover
            permessage-deflate; client_max_window_bits=20               | -
            permessage-deflate; mystery=1                               | -
            x-webkit-deflate-frame, deflate-frame                       | -
            x-webkit-deflate-frame, permessage-deflate; client_no_context_takeover | permessage-deflate; server_no_context_takeover; client_no_context_takeover
            """)
    void theFirstAcceptableOfferIsTakenAndAlwaysAnsweredWithServerNoContextTakeover(String offer, String answer) {
        WsDeflateNegotiation.Agreement agreement = WsDeflateNegotiation.accept(handshake(offer));
        assertThat(agreement == null ? null : agreement.responseHeader()).isEqualTo(answer);
    }

    @ParameterizedTest(name = "no offer: {0}")
    @CsvSource({"''", "deflate-frame"})
    void withoutAPermessageDeflateOfferNothingIsNegotiated(String offer) {
        assertThat(WsDeflateNegotiation.accept(handshake(offer.isEmpty() ? null : offer))).isNull();
    }

    @Test
    void offersOnSeveralHeaderLinesAreOneList() {
        HttpRequest request = handshake("x-custom");
        request.headers().add(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, "permessage-deflate; client_no_context_takeover");
        assertThat(WsDeflateNegotiation.accept(request).clientNoContextTakeover()).isTrue();
    }

    private static HttpRequest handshake(String extensions) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws/t");
        if (extensions != null) {
            request.headers().set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, extensions);
        }
        return request;
    }
}
