package dev.herd.engine.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final Redactor DEFAULT = Redactor.of(RedactionPolicy.DEFAULT);

    @ParameterizedTest(name = "{0} is written as {1}")
    @CsvSource(delimiter = '|', value = {
        "ws://127.0.0.1:8080/ws/{topic}                                  | ws://127.0.0.1:8080/ws/{topic}",
        "wss://host/ws?access_token=abc&room=1                           | wss://host/ws?access_token=***&room=1",
        "wss://user:pw@host:443/ws                                       | wss://***@host:443/ws",
        "wss://user@host/ws?token=t                                      | wss://***@host/ws?token=***",
        "http://h/sse/{topic}?X-Amz-Signature=s&X-Amz-Date=d             | http://h/sse/{topic}?X-Amz-Signature=***&X-Amz-Date=d",
        "http://h/p?client_secret=s&api-key=k&apikey=a&sig=g&jwt=j       | http://h/p?client_secret=***&api-key=***&apikey=***&sig=***&jwt=***",
        "http://h/p?session=s&auth=a&password=p&key=k&Token=T            | http://h/p?session=***&auth=***&password=***&key=***&Token=***",
        "http://h/p?token=&flag&room=a                                   | http://h/p?token=&flag&room=a",
        "ws://h/ws?room=lobby#frag?token=x                               | ws://h/ws?room=lobby#frag?token=x",
        "ws://h/a@b?token=x                                              | ws://h/a@b?token=***",
        "not a url ?token=x                                              | not a url ?token=***"})
    void aUrlIsMaskedByItsStructure(String url, String written) {
        assertThat(DEFAULT.url(url)).isEqualTo(written);
    }

    @Test
    void namesGivenWithRedactAreMaskedTooIgnoringCase() {
        Redactor r = Redactor.of(new RedactionPolicy(Set.of("Tenant"), Set.of(), Set.of()));
        assertThat(r.url("ws://h/ws?tenant=acme&room=1")).isEqualTo("ws://h/ws?tenant=***&room=1");
    }

    @Test
    void textIsMaskedByEverySecretValueTheRunGaveLongestFirst() {
        Redactor r = DEFAULT.withUrl("wss://u:pw-long-1@h/ws?access_token=tok-abc&room=lobby")
                .withHeaders(Map.of("Authorization", "Bearer bear-xyz", "X-Trace", "trace-1"))
                .withValues(List.of("store-pass"));
        assertThat(r.text("GET /ws?access_token=tok-abc with Bearer bear-xyz as u:pw-long-1 store-pass lobby"))
                .isEqualTo("GET /ws?access_token=*** with *** as *** *** lobby");
        assertThat(r.text("only bear-xyz")).isEqualTo("only ***");
        assertThat(r.text("trace-1")).isEqualTo("***");
    }

    @Test
    void aShownHeaderKeepsItsValueAndAnyHeaderValueIsMaskedOtherwise() {
        Redactor r = Redactor.of(new RedactionPolicy(Set.of(), Set.of("x-trace"), Set.of()))
                .withHeaders(Map.of("X-Trace", "trace-visible", "Cookie", "sid=secret-cookie"));
        assertThat(r.text("trace-visible sid=secret-cookie")).isEqualTo("trace-visible ***");
        assertThat(r.header("X-Trace", "trace-visible")).isEqualTo("trace-visible");
        assertThat(r.header("Cookie", "sid=secret-cookie")).isEqualTo(Redactor.MASK);
    }

    @Test
    void valuesTooShortToMaskInTextAreStillMaskedInUrls() {
        Redactor r = DEFAULT.withUrl("ws://h/ws?key=ab1");
        assertThat(r.text("ab1 appears")).isEqualTo("ab1 appears");
        assertThat(r.url("ws://h/ws?key=ab1")).isEqualTo("ws://h/ws?key=***");
    }

    @Test
    void aPolicyNeverPrintsItsSecretValues() {
        RedactionPolicy p = new RedactionPolicy(Set.of(), Set.of(), Set.of("hunter2-pass"));
        assertThat(p.toString()).doesNotContain("hunter2-pass").contains("1 secret values");
        assertThat(Redactor.of(p).text("hunter2-pass")).isEqualTo(Redactor.MASK);
    }
}
