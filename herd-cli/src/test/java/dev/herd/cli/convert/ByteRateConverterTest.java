package dev.herd.cli.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ByteRateConverterTest {

    @ParameterizedTest(name = "{0} is {1} bytes per second")
    @CsvSource({"1KiB/s, 1024", "512B/s, 512", "2MiB/s, 2097152", "1KB/s, 1000", "64, 64", "1.5KiB/s, 1536",
            "' 4KiB/s ', 4096"})
    void readsASizePerSecond(String text, long bytesPerSecond) {
        assertThat(ByteRateConverter.parse(text)).isEqualTo(bytesPerSecond);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"fast", "0B/s", "0", "-1KiB/s", "1KiB/min", "/s", ""})
    void refusesWhatIsNotARateAboveZero(String text) {
        assertThatThrownBy(() -> ByteRateConverter.parse(text)).isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is not a byte rate above 0 (expected e.g. 1KiB/s, 512B/s, 2MiB/s)");
    }
}
