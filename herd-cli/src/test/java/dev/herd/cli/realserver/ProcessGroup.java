package dev.herd.cli.realserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A process group as Linux's /proc shows it: its live processes (by the pgrp field of {@code /proc/PID/stat},
 * zombies left out) and the sockets they listen on (their socket inodes from {@code /proc/PID/fd}, looked up in
 * {@code /proc/net/tcp} and {@code tcp6} in state LISTEN, {@code udp} and {@code udp6} bound).
 *
 * <pre>{@code
 * List<InetSocketAddress> sockets = ProcessGroup.listeningSockets(pgid);
 * boolean gone = ProcessGroup.livePids(pgid).isEmpty();
 * }</pre>
 *
 * <p>See proc(5) for the layout of these files.
 */
final class ProcessGroup {

    /** {@code st} of a listening TCP socket in /proc/net/tcp (TCP_LISTEN). */
    private static final String TCP_LISTEN = "0A";

    private ProcessGroup() {
    }

    static List<InetSocketAddress> listeningSockets(long pgid) throws IOException {
        Set<String> inodes = socketInodes(pgid);
        List<InetSocketAddress> listening = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path file = Path.of("/proc/net", table);
            if (!Files.isReadable(file)) {
                continue;
            }
            boolean tcp = table.startsWith("tcp");
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (f.length > 9 && inodes.contains(f[9]) && (!tcp || TCP_LISTEN.equals(f[3]))) {
                    listening.add(address(f[1]));
                }
            }
        }
        return listening;
    }

    /** The pids of the group's processes that have not ended (a zombie has ended, though not yet reaped). */
    static List<Long> livePids(long pgid) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (processGroup(process) == pgid) {
                    pids.add(Long.parseLong(process.getFileName().toString()));
                }
            }
        }
        return pids;
    }

    /** The inodes of every socket a live process of the group holds open. */
    private static Set<String> socketInodes(long pgid) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (long pid : livePids(pgid)) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : fds) {
                    String target = readLink(fd);
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                }
            } catch (NoSuchFileException gone) {
                // the process ended while being read
            }
        }
        return inodes;
    }

    /** The pgrp field of /proc/PID/stat (the fifth; the command name before it may hold spaces and parentheses). */
    private static long processGroup(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return after[0].equals("Z") ? -1 : Long.parseLong(after[2]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException gone) {
            return "";
        }
    }

    /**
     * "0100007F:1F91" (IPv4) or 32 hex digits and a port (IPv6): each 32-bit word of the address is printed in the
     * host's byte order, little-endian on the machines herd's tests run on.
     */
    static InetSocketAddress address(String hex) {
        int colon = hex.indexOf(':');
        String host = hex.substring(0, colon);
        byte[] bytes = new byte[host.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                // little-endian words: the word's last byte in the text is the address's first
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(host.substring(at, at + 2), 16);
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(hex.substring(colon + 1), 16));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hex, e);
        }
    }
}
