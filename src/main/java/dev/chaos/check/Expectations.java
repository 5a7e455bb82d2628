package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.types.Type;

/** Reports a value of the wrong type where a type is expected, with the fix that fits. */
final class Expectations {
  private final Reporter reporter;
  private final DriverRegistry drivers;

  Expectations(Reporter reporter, DriverRegistry drivers) {
    this.reporter = reporter;
    this.drivers = drivers;
  }

  /**
   * Whether {@code actual} fits {@code expected}; when not, reports one diagnostic at the
   * expression ({@code label} says what wanted the type, e.g. "`timeout:` takes a `Duration`").
   */
  boolean require(Expr e, Type actual, Type expected, String label) {
    if (Unify.assignable(actual, expected)) {
      return true;
    }
    report(e, actual, expected, label);
    return false;
  }

  void report(Expr e, Type actual, Type expected, String label) {
    String message = "expected `" + expected.display() + "`, found `" + actual.display() + "`";
    if (UnitHelp.isOtherUnit(actual, expected)) {
      reporter.report(Code.CH0302, e.span(), message, label, UnitHelp.otherUnit(e, expected));
    } else if (UnitHelp.isUnitMismatch(actual, expected)) {
      reporter.report(Code.CH0302, e.span(), message, label, UnitHelp.withUnit(e, expected));
    } else if (actual == Type.JSON) {
      reporter.report(Code.CH0301, e.span(), message, label,
          UnitHelp.fromJson(e, expected, drivers));
    } else if (actual == Type.SECRET) {
      reporter.report(Code.CH0301, e.span(), message, label,
          "a `Secret` is never turned into text; pass it only to a parameter that takes a `Secret`");
    } else if (actual == Type.UNIT) {
      noValue(e, null);
    } else {
      reporter.report(Code.CH0301, e.span(), message, label, UnitHelp.fromString(e, expected));
    }
  }

  /** An action or a call that returns nothing, used where a value is needed. */
  void noValue(Expr e, String help) {
    reporter.report(Code.CH0301, e.span(), "`" + UnitHelp.shown(e) + "` has no value",
        "this call returns nothing (`Unit`)", help);
  }

  /** A value that goes into the report (`record`, `observe`): anything but a Secret. */
  void reportable(Expr e, Type actual) {
    if (actual == Type.SECRET) {
      reporter.report(Code.CH0301, e.span(), "a `Secret` cannot go into the report",
          "this is a `Secret`", "secrets are never printed; record something derived from it");
    }
  }

  /** Conditions of `expect`, `if`, `wait until`: a Bool or CH0304. */
  void requireCondition(Expr e, Type actual) {
    if (actual.isError() || actual == Type.BOOL || actual instanceof Type.Var) {
      return;
    }
    String help = actual == Type.JSON ? UnitHelp.fromJson(e, Type.BOOL, drivers) : null;
    reporter.report(Code.CH0304, e.span(),
        "expected a `Bool` condition, found `" + actual.display() + "`",
        "this is " + Article.of(actual), help);
  }
}
