package dev.herd.cli.secret;

import dev.herd.engine.secret.RedactionPolicy;
import dev.herd.engine.secret.Redactor;
import dev.herd.engine.secret.SecretNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The secrets a command line carries, read from it as given: header values ({@code -H}, unless {@code --show-header}
 * names them), what the URLs carry (user-info, credential-like query values, and {@code --redact} names), and every
 * option that takes a password. Known before anything runs, so even an error about the command line is masked.
 */
public final class ArgumentSecrets {

    /** Option names that hold a secret outright. */
    private static final List<String> SECRET_OPTION_WORDS = List.of("password", "passcode", "secret", "token");
    private static final Set<String> URL_OPTIONS = Set.of("--url", "--publish-url");
    private static final Set<String> HEADER_OPTIONS = Set.of("-H", "--header");

    private ArgumentSecrets() {
    }

    /** The secret values of a parsed command line (its subcommand's options included). */
    public static List<String> of(ParseResult parsed) {
        List<String[]> pairs = new ArrayList<>();
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (OptionSpec option : p.matchedOptions()) {
                for (String value : option.originalStringValues()) {
                    pairs.add(new String[] {option.longestName(), value});
                }
            }
        }
        return of(pairs);
    }

    /**
     * The secret values of raw arguments, for an error found while parsing them: {@code --name value} and
     * {@code --name=value} alike.
     */
    public static List<String> of(String[] args) {
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            if (arg.startsWith("-") && eq > 0) {
                pairs.add(new String[] {canonical(arg.substring(0, eq)), arg.substring(eq + 1)});
            } else if (arg.startsWith("-") && i + 1 < args.length) {
                pairs.add(new String[] {canonical(arg), args[i + 1]});
            }
        }
        return of(pairs);
    }

    private static String canonical(String name) {
        return name.equals("-H") ? "--header" : name;
    }

    private static List<String> of(List<String[]> nameValues) {
        Set<String> redact = new HashSet<>();
        Set<String> shown = new HashSet<>();
        for (String[] nv : nameValues) {
            if (nv[0].equals("--redact")) {
                redact.add(nv[1]);
            } else if (nv[0].equals("--show-header")) {
                shown.add(nv[1]);
            }
        }
        Redactor redactor = Redactor.of(new RedactionPolicy(redact, shown, Set.of()));
        List<String> values = new ArrayList<>();
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String[] nv : nameValues) {
            String name = nv[0];
            String value = nv[1];
            if (URL_OPTIONS.contains(name)) {
                redactor = redactor.withUrl(value);
            } else if (name.equals("--header")) {
                int eq = value.indexOf('=');
                if (eq > 0) {
                    headers.put(value.substring(0, eq), value.substring(eq + 1));
                } else {
                    values.add(value); // not NAME=VALUE: the whole of it may be a credential
                }
            } else if (name.equals("--protocol-option")) {
                int eq = value.indexOf('=');
                String key = eq > 0 ? value.substring(0, eq) : value;
                // A password, a passcode, a token, or a connection payload that usually carries one.
                if (SecretNames.looksSecret(key, Set.of()) || key.contains("payload")) {
                    values.add(eq > 0 ? value.substring(eq + 1) : value);
                }
            } else if (holdsSecret(name)) {
                values.add(value);
            }
        }
        return redactor.withHeaders(headers).withValues(values).values();
    }

    private static boolean holdsSecret(String optionName) {
        String lower = optionName.toLowerCase(Locale.ROOT);
        return SECRET_OPTION_WORDS.stream().anyMatch(lower::contains);
    }
}
