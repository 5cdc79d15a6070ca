package dev.herd.cli.convert;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses local source addresses: IPv4 literals and ranges, comma-separated, e.g. {@code 127.0.0.2-127.0.0.5,127.0.0.9};
 * {@code none} for the system's choice, {@code auto} (null) for herd's default. Only literals: a source address names
 * an interface of this host, never something to resolve.
 */
public final class SourceAddressesConverter implements ITypeConverter<List<InetAddress>> {

    /** More addresses than any one process can use (each holds ~28,000 ports; a process ~20,000 sockets). */
    private static final int MAX_ADDRESSES = 256;

    @Override
    public List<InetAddress> convert(String value) {
        return parse(value);
    }

    public static List<InetAddress> parse(String text) {
        if (text.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        if (text.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        List<InetAddress> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            if (dash < 0) {
                out.add(ipv4(p, text));
                continue;
            }
            long from = toLong(ipv4(p.substring(0, dash).trim(), text));
            long to = toLong(ipv4(p.substring(dash + 1).trim(), text));
            if (to < from || to - from >= MAX_ADDRESSES) {
                throw new TypeConversionException("'" + text + "': the range " + p + " must go upwards and hold at most "
                        + MAX_ADDRESSES + " addresses");
            }
            for (long a = from; a <= to; a++) {
                out.add(fromLong(a));
            }
        }
        return out;
    }

    private static InetAddress ipv4(String literal, String whole) {
        String[] octets = literal.split("\\.");
        if (octets.length != 4) {
            throw new TypeConversionException("'" + whole + "': '" + literal + "' is not an IPv4 address "
                    + "(expected e.g. 127.0.0.2 or 127.0.0.2-127.0.0.5)");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            try {
                int v = Integer.parseInt(octets[i]);
                if (v < 0 || v > 255) {
                    throw new NumberFormatException();
                }
                bytes[i] = (byte) v;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + whole + "': '" + literal + "' is not an IPv4 address "
                        + "(expected e.g. 127.0.0.2 or 127.0.0.2-127.0.0.5)");
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new TypeConversionException("'" + whole + "': " + e.getMessage());
        }
    }

    private static long toLong(InetAddress a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    private static InetAddress fromLong(long v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
