package dev.chaos.diag;

/**
 * Stable diagnostic codes. A code never changes meaning once released: it is the SARIF ruleId,
 * the JUnit test name and the anchor in docs/diagnostics.md.
 */
public enum Code {
  // lexical and syntax
  CH0001(Severity.ERROR, "invalid character"),
  CH0002(Severity.ERROR, "unterminated string"),
  CH0003(Severity.ERROR, "unterminated comment"),
  CH0004(Severity.ERROR, "invalid escape sequence"),
  CH0005(Severity.ERROR, "number glued to letters"),
  CH0006(Severity.ERROR, "invalid time of day"),
  CH0007(Severity.ERROR, "line break in string"),
  CH0008(Severity.ERROR, "duration units out of order"),
  CH0010(Severity.ERROR, "syntax error"),
  CH0011(Severity.ERROR, "unknown keyword"),
  CH0012(Severity.ERROR, "nesting too deep"),
  CH0013(Severity.ERROR, "chained comparison"),

  // files and modules
  CH0101(Severity.ERROR, "module not found"),
  CH0102(Severity.ERROR, "import cycle"),
  CH0103(Severity.ERROR, "more than one runbook in a file"),
  CH0104(Severity.ERROR, "duplicate import name"),
  CH0105(Severity.ERROR, "imported file has a runbook"),
  CH0106(Severity.ERROR, "internal checker error"),

  // names and calls
  CH0201(Severity.ERROR, "undefined name"),
  CH0202(Severity.ERROR, "unknown driver or module"),
  CH0203(Severity.ERROR, "unknown function"),
  CH0204(Severity.ERROR, "wrong number of arguments"),
  CH0205(Severity.ERROR, "unknown named argument"),
  CH0206(Severity.ERROR, "missing argument"),
  CH0207(Severity.ERROR, "argument given twice"),
  CH0208(Severity.ERROR, "not callable"),
  CH0209(Severity.ERROR, "unknown field"),
  CH0210(Severity.ERROR, "conflicting arguments"),
  CH0211(Severity.ERROR, "duplicate definition"),
  CH0212(Severity.ERROR, "unknown type"),
  CH0213(Severity.ERROR, "recursive function"),

  // types and units
  CH0301(Severity.ERROR, "type mismatch"),
  CH0302(Severity.ERROR, "unit mismatch"),
  CH0303(Severity.ERROR, "invalid operands"),
  CH0304(Severity.ERROR, "condition is not a Bool"),
  CH0305(Severity.ERROR, "not iterable"),
  CH0306(Severity.ERROR, "not indexable"),
  CH0307(Severity.ERROR, "value out of range"),
  CH0308(Severity.ERROR, "argument refused by its driver"),

  // structure, effects and safety
  CH0401(Severity.ERROR, "mutation in a read-only section"),
  CH0402(Severity.ERROR, "`wait until` without `within`"),
  CH0403(Severity.ERROR, "mutating step without undo"),
  CH0404(Severity.ERROR, "expression used as a statement"),
  CH0405(Severity.ERROR, "statement not allowed here"),
  CH0406(Severity.ERROR, "missing header attribute"),
  CH0407(Severity.ERROR, "duplicate header attribute"),
  CH0408(Severity.ERROR, "unknown environment"),
  CH0409(Severity.ERROR, "section appears more than once"),
  CH0410(Severity.ERROR, "guard level outside a guard"),
  CH0411(Severity.ERROR, "`extend` on a guard without a warning level"),
  CH0412(Severity.ERROR, "invalid schedule"),
  CH0413(Severity.ERROR, "scheduled time outside the window"),

  // production rules of the seed (errors for `environment prod` and `--as prod`)
  CH0501(Severity.ERROR, "blast radius above 30% in production"),
  CH0502(Severity.ERROR, "production runbook without a window"),
  CH0503(Severity.ERROR, "production runbook without a guard"),
  CH0504(Severity.ERROR, "production runbook without a critical-alert precondition"),
  CH0505(Severity.ERROR, "over the blast radius whatever the targets hold"),
  CH0507(Severity.ERROR, "production runbook without a lock"),

  // warnings
  CH0601(Severity.WARNING, "unused let"),
  CH0602(Severity.WARNING, "duplicate section name"),
  CH0603(Severity.WARNING, "unreachable statement"),
  CH0604(Severity.WARNING, "line continues the previous one"),
  CH0605(Severity.WARNING, "unused import"),
  CH0606(Severity.WARNING, "mutating runbook without a critical-alert guard"),
  CH0607(Severity.WARNING, "scheduled runbook without a window");

  private final Severity severity;
  private final String title;

  Code(Severity severity, String title) {
    this.severity = severity;
    this.title = title;
  }

  public Severity severity() {
    return severity;
  }

  /** A short lowercase phrase naming the problem, for rule lists (SARIF, docs). */
  public String title() {
    return title;
  }

  /** Anchor of this code's entry in docs/diagnostics.md. */
  public String docsAnchor() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
