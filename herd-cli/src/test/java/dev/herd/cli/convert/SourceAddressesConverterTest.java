package dev.herd.cli.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

class SourceAddressesConverterTest {

    @Test
    void literalsAndRangesExpandInOrder() {
        assertThat(SourceAddressesConverter.parse("127.0.0.2-127.0.0.4, 127.0.0.9"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.9");
    }

    @Test
    void noneLeavesTheChoiceToTheSystemAndAutoToHerd() {
        assertThat(SourceAddressesConverter.parse("none")).isEmpty();
        assertThat(SourceAddressesConverter.parse("auto")).isNull();
    }

    @Test
    void aRangeMayCrossAnOctet() {
        assertThat(SourceAddressesConverter.parse("127.0.0.254-127.0.1.1")).hasSize(4);
    }

    @ParameterizedTest(name = "''{0}'' is rejected: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            localhost                 | is not an IPv4 address
            127.0.0                   | is not an IPv4 address
            127.0.0.300               | is not an IPv4 address
            127.0.0.5-127.0.0.2       | must go upwards
            127.0.0.1-127.0.2.0       | at most 256 addresses
            """)
    void badAddressesAreOneLineErrors(String text, String expected) {
        assertThatThrownBy(() -> SourceAddressesConverter.parse(text))
                .isInstanceOf(TypeConversionException.class).hasMessageContaining(expected);
    }
}
