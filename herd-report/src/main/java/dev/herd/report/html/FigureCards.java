package dev.herd.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A row of key figures as cards: a big value, its label underneath, an optional hint, and a tone
 * ({@code good}, {@code bad}, {@code warn}) that colours the card's edge. Cards wrap in a narrow window.
 */
public final class FigureCards {

    /** One card. */
    public record Card(String label, String value, String hint, String tone) {
    }

    private final List<Card> cards = new ArrayList<>();

    public FigureCards add(String label, String value) {
        return add(label, value, null, null);
    }

    public FigureCards add(String label, String value, String hint, String tone) {
        cards.add(new Card(label, value, hint, tone));
        return this;
    }

    public boolean isEmpty() {
        return cards.isEmpty();
    }

    public void render(Html html) {
        if (cards.isEmpty()) {
            return;
        }
        html.open("ul", "class", "cards");
        for (Card c : cards) {
            html.open("li", "class", c.tone() == null ? "card" : "card " + c.tone())
                    .element("span", c.value(), "class", "value")
                    .element("span", c.label(), "class", "label");
            if (c.hint() != null) {
                html.element("span", c.hint(), "class", "hint");
            }
            html.close("li");
        }
        html.close("ul").newline();
    }
}
