package dev.herd.report.html;

import java.util.ArrayList;
import java.util.List;

/** Names and values, for figures that have no better view; laid out in as many columns as fit. */
public final class KeyValueTable {

    private final String caption;
    private final List<String[]> rows = new ArrayList<>();
    private boolean singleColumn;

    public KeyValueTable(String caption) {
        this.caption = caption;
    }

    public KeyValueTable row(String name, String value) {
        rows.add(new String[] {name, value});
        return this;
    }

    /** One pair a line, for long values (URLs, timestamps). */
    public KeyValueTable singleColumn() {
        this.singleColumn = true;
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** A grid of name/value pairs as a description list: as many columns as the width allows. */
    public void render(Html html) {
        if (rows.isEmpty()) {
            return;
        }
        if (caption != null) {
            html.element("p", caption, "class", "caption");
        }
        html.open("dl", "class", singleColumn ? "kv single" : "kv");
        for (String[] r : rows) {
            html.open("div").element("dt", r[0]).element("dd", r[1]).close("div");
        }
        html.close("dl").newline();
    }
}
