package dev.chaos.runtime.html;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A self-contained HTML page: its style sheet inline, no script, no external asset, and a
 * Content-Security-Policy that forbids loading anything, so that the file can be mailed,
 * attached to a ticket or opened offline. Every text goes through {@code filter} (the run's
 * secret masking) and then {@link Html#escape}; only the charts this package draws go in as
 * markup ({@link #markup}).
 */
public final class Page {
  private static final String STYLE = """
      :root{color-scheme:light}
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
        color:#1f2328;background:#f6f8fa;margin:0}
      main{max-width:1140px;margin:0 auto;padding:20px 20px 48px}
      h1{font-size:24px;margin:8px 0 4px}
      h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #d0d7de}
      h3{font-size:15px;margin:18px 0 2px}
      .sub{color:#57606a;margin:0 0 12px}
      .card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;
        margin:10px 0}
      .badge{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;
        color:#fff;background:#57606a;vertical-align:middle;font-size:13px}
      .outcome-passed{background:#2e7d32}.outcome-failed{background:#c62828}
      .outcome-aborted{background:#b71c1c}.outcome-undo_failed{background:#6a1b9a}
      .outcome-not_recovered{background:#ad1457}.outcome-precondition_failed{background:#ef6c00}
      .outcome-refused{background:#57606a}.outcome-interrupted{background:#455a64}
      table{border-collapse:collapse;width:100%;background:#fff}
      th,td{border:1px solid #d0d7de;padding:5px 8px;text-align:left;vertical-align:top}
      th{background:#f0f3f6;font-weight:600}
      dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:0}
      dl.facts dt{color:#57606a}dl.facts dd{margin:0;font-weight:500}
      .status-done,.status-passed{color:#1b5e20;font-weight:600}
      .status-failed,.status-timed_out,.status-aborted{color:#b71c1c;font-weight:600}
      .status-skipped,.status-not_run,.status-interrupted{color:#6e7781;font-weight:600}
      ul.legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 18px}
      ul.legend li{display:flex;align-items:center;gap:6px;color:#424a53;font-size:13px}
      .chart{margin:2px 0 8px}.chart svg{display:block;max-width:100%;height:auto}
      .none{color:#6e7781;font-style:italic}
      code{font:12.5px ui-monospace,"DejaVu Sans Mono",monospace;background:#eef1f4;
        padding:1px 4px;border-radius:4px}
      .plot{fill:#fff;stroke:#d0d7de}
      .grid{stroke:#eaeef2;stroke-width:1}.axis{stroke:#8c959f;stroke-width:1}
      .tick{font-size:11px;fill:#57606a}.lane{font-size:12px;fill:#24292f}
      .bar-label{font-size:11.5px;fill:#24292f}
      .bar-label-in{font-size:11.5px;fill:#fff;font-weight:600}
      .value-label{font-size:12px;font-weight:600;fill:#0d47a1}
      .band-baseline{fill:#1565c0;fill-opacity:.13}
      .band-chaos{fill:#ef6c00;fill-opacity:.13}
      .mark{stroke-width:1.5}
      .mark-step{stroke:#6e7781;stroke-dasharray:3 3}
      .mark-violation{stroke:#e53935;stroke-width:2}
      .mark-abort{stroke:#7f0000;stroke-width:3}
      .mark-deadline{stroke:#6a1b9a;stroke-width:2;stroke-dasharray:7 4}
      .mark-deadline-arrow{fill:#6a1b9a}.mark-abort-arrow{fill:#7f0000}
      .mark-violation-arrow{fill:#e53935}.mark-step-arrow{fill:#6e7781}
      .mark-warning{stroke:#f9a825;stroke-width:2;stroke-dasharray:4 2}
      .mark-escalation{stroke:#ad1457;stroke-width:2;stroke-dasharray:1 3}
      .mark-warning-arrow{fill:#f9a825}.mark-escalation-arrow{fill:#ad1457}
      .mark-label{font-size:11.5px;font-weight:600}
      .mark-label-abort{fill:#7f0000}.mark-label-deadline{fill:#6a1b9a}
      .series{fill:none;stroke:#1565c0;stroke-width:2}
      .dot{stroke:#fff;stroke-width:1}.dot-true{fill:#1565c0}
      .dot-false{fill:#e53935}.dot-error{fill:#ef6c00}
      .threshold{stroke:#c62828;stroke-width:1.2;stroke-dasharray:6 4}
      .threshold-label{font-size:11px;fill:#c62828}
      .bar{stroke:#fff;stroke-width:.5}
      .phase-lets,.phase-start,.phase-report{fill:#b0bec5}.phase-preconditions{fill:#90a4ae}
      .phase-baseline{fill:#1565c0}.phase-steps{fill:#ef6c00}.phase-steps-ended{fill:#ffb74d}
      .phase-verify{fill:#00897b}.phase-on-abort{fill:#7f0000}.phase-undo{fill:#6a1b9a}
      .phase-recovery{fill:#2e7d32}
      .step-passed{fill:#43a047}.step-failed,.step-timed-out{fill:#e53935}
      .step-aborted,.step-interrupted{fill:#7f0000}.step-not-run,.step-dry-run{fill:#9e9e9e}
      .chaos{fill:#d84315}
      .undo-done{fill:#8e24aa}.undo-failed{fill:#e53935}
      .run-passed{fill:#2e7d32}.run-failed{fill:#c62828}.run-aborted{fill:#7f0000}
      .run-undo_failed{fill:#6a1b9a}.run-not_recovered{fill:#ad1457}
      .run-precondition_failed{fill:#ef6c00}.run-refused,.run-interrupted{fill:#6e7781}
      .trend{fill:none;stroke:#8c959f;stroke-width:1.5;stroke-dasharray:4 3}
      """;
  private final StringBuilder body = new StringBuilder();
  private final String title;
  private final UnaryOperator<String> filter;

  public Page(String title, UnaryOperator<String> filter) {
    this.filter = filter;
    this.title = title;
  }

  /** {@code text}, masked and escaped. */
  public String text(String text) {
    return text == null ? "" : Html.escape(filter.apply(text));
  }

  public Page heading(int level, String text) {
    body.append("<h").append(level).append('>').append(text(text)).append("</h").append(level)
        .append(">\n");
    return this;
  }

  public Page paragraph(String cssClass, String text) {
    body.append("<p class=\"").append(cssClass).append("\">").append(text(text)).append("</p>\n");
    return this;
  }

  /** Markup this package built (a chart, a legend, a badge): never runbook text. */
  public Page markup(String html) {
    body.append(html).append('\n');
    return this;
  }

  public String badge(String cssClass, String label) {
    return "<span class=\"badge " + cssClass + "\">" + text(label) + "</span>";
  }

  /** Pairs of term and value, as a definition list. */
  public Page facts(List<String[]> pairs) {
    body.append("<dl class=\"facts\">");
    for (String[] pair : pairs) {
      body.append("<dt>").append(text(pair[0])).append("</dt><dd>").append(text(pair[1]))
          .append("</dd>");
    }
    body.append("</dl>\n");
    return this;
  }

  /**
   * A table; in each row, a cell that starts with {@code status:} is written as its status word
   * coloured by {@code status-WORD}.
   */
  public Page table(List<String> headers, List<List<String>> rows) {
    body.append("<table><thead><tr>");
    headers.forEach(h -> body.append("<th>").append(text(h)).append("</th>"));
    body.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      body.append("<tr>");
      for (String cell : row) {
        if (cell != null && cell.startsWith("status:")) {
          String word = cell.substring("status:".length());
          body.append("<td class=\"status-").append(word.replace(' ', '_')
              .replaceAll("[^a-z_]", "")).append("\">").append(text(word)).append("</td>");
        } else {
          body.append("<td>").append(text(cell)).append("</td>");
        }
      }
      body.append("</tr>");
    }
    body.append("</tbody></table>\n");
    return this;
  }

  public Page list(List<String> items) {
    body.append("<ul>");
    items.forEach(i -> body.append("<li>").append(text(i)).append("</li>"));
    body.append("</ul>\n");
    return this;
  }

  public Page open(String cssClass) {
    body.append("<div class=\"").append(cssClass).append("\">");
    return this;
  }

  public Page close() {
    body.append("</div>\n");
    return this;
  }

  public String done() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        + "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\"/>\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        + "<title>" + text(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n"
        + "<body>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
  }
}
