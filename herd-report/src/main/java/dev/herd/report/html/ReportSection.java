package dev.herd.report.html;

/**
 * One section of the report: a heading, its figures and charts. A section reads what it needs from the
 * {@link RunFiles} leniently and says so when something is missing; it never throws on a missing key.
 */
public interface ReportSection {

    /** The HTML id (the page's navigation links to it). */
    String id();

    /** The heading. */
    String title();

    /** False when the run has nothing for this section: it is left out of the page. */
    boolean appliesTo(RunFiles run);

    /** Writes the section's body (the writer adds the heading and the enclosing element). */
    void render(RunFiles run, Html html, Charts charts);
}
