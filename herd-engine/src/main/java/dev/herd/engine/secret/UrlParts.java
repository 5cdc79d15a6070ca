package dev.herd.engine.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A URL (or URL template, with {@code {topic}} and such) cut at the places that can carry credentials: user-info before
 * the host, and query parameters. Works on the text, without parsing it as a URI, so templates and malformed URLs are
 * masked all the same.
 */
record UrlParts(String beforeUserInfo, String userInfo, String hostAndPath, String query, String fragment) {

    static UrlParts split(String url) {
        int schemeEnd = url.indexOf("://");
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int hash = url.indexOf('#', authorityStart);
        String fragment = hash < 0 ? null : url.substring(hash);
        String rest = hash < 0 ? url : url.substring(0, hash);
        int question = rest.indexOf('?', authorityStart);
        String query = question < 0 ? null : rest.substring(question + 1);
        String beforeQuery = question < 0 ? rest : rest.substring(0, question);
        int authorityEnd = indexOfAny(beforeQuery, authorityStart, '/');
        int at = beforeQuery.lastIndexOf('@', authorityEnd - 1);
        String userInfo = null;
        String hostAndPath = beforeQuery.substring(authorityStart);
        if (schemeEnd >= 0 && at >= authorityStart) {
            userInfo = beforeQuery.substring(authorityStart, at);
            hostAndPath = beforeQuery.substring(at + 1);
        }
        return new UrlParts(beforeQuery.substring(0, authorityStart), userInfo, hostAndPath, query, fragment);
    }

    /** Each query parameter as {name, value}; value null for a parameter without {@code =}. */
    List<String[]> queryParams() {
        List<String[]> params = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            params.add(eq < 0 ? new String[] {pair, null} : new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
        }
        return params;
    }

    String masked(Set<String> extraNames) {
        StringBuilder out = new StringBuilder(beforeUserInfo);
        if (userInfo != null) {
            out.append(Redactor.MASK).append('@');
        }
        out.append(hostAndPath);
        if (query != null) {
            out.append('?');
            List<String[]> params = queryParams();
            for (int i = 0; i < params.size(); i++) {
                String[] p = params.get(i);
                if (i > 0) {
                    out.append('&');
                }
                out.append(p[0]);
                if (p[1] != null) {
                    out.append('=').append(SecretNames.looksSecret(p[0], extraNames) && !p[1].isEmpty()
                            ? Redactor.MASK : p[1]);
                }
            }
        }
        if (fragment != null) {
            out.append(fragment);
        }
        return out.toString();
    }

    private static int indexOfAny(String s, int from, char c) {
        int i = s.indexOf(c, from);
        return i < 0 ? s.length() : i;
    }
}
