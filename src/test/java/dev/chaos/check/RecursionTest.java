package dev.chaos.check;

import static dev.chaos.check.CheckFixture.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import org.junit.jupiter.api.Test;

class RecursionTest {
  @Test
  void aFunctionThatCallsItselfIsReportedAtTheCall() {
    Diagnostic d = check("fn countdown(n: Int) -> Int = countdown(n - 1)\n").only(Code.CH0213);
    assertThat(d.message()).isEqualTo("function `countdown` calls itself");
    assertThat(d.span().text()).isEqualTo("countdown");
    assertThat(d.span().startColumn()).isEqualTo(31);
    assertThat(d.label()).isEqualTo("this call never returns");
  }

  @Test
  void mutualRecursionIsOneDiagnosticPerLoop() {
    Diagnostic two = check("""
        fn even(n: Int) -> Bool = n == 0 or odd(n - 1)
        fn odd(n: Int) -> Bool = not even(n - 1)
        """).only(Code.CH0213);
    assertThat(two.message()).isEqualTo("function `even` calls itself through `odd`");
    assertThat(two.span().text()).isEqualTo("odd");
    assertThat(two.label()).isEqualTo("this call leads back to `even`");
    Diagnostic three = check("""
        fn a() -> Int = b() + 1
        fn b() -> Int = c()
        fn c() -> Int = a()
        """).only(Code.CH0213);
    assertThat(three.message()).isEqualTo("function `a` calls itself through `b` and `c`");
  }

  @Test
  void aDefaultValueThatCallsItsOwnFunctionIsRecursion() {
    // this also once overflowed the stack while the signature was being built
    check("fn d(x: Int = d()) -> Int = x\n").only(Code.CH0213);
  }

  @Test
  void callingARecursiveFunctionOrAChainOfFunctionsIsFine() {
    assertThat(check("""
        fn loop() -> Int = loop()
        fn user() -> Int = loop() + 1
        """).codes()).containsExactly(Code.CH0213);
    check("""
        fn a() -> Int = b() + c()
        fn b() -> Int = c() * 2
        fn c() -> Int = 1
        """).assertClean();
  }

  private static String chain(int n, String last) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n - 1; i++) {
      text.append("fn f").append(i).append("() -> Int = f").append(i + 1).append("()\n");
    }
    return text.append("fn f").append(n - 1).append("() -> Int = ").append(last).append('\n')
        .toString();
  }

  /**
   * Was the square of the number of `fn`s (a loop searched from each through all the others):
   * 5,000 `fn`s each calling the next, in a chain, a ring, and a chain ending in a self-call.
   */
  @Test
  void thousandsOfFunctionsCallingTheNextAreOneLoopOrNone() {
    check(chain(5000, "1")).assertClean();
    Diagnostic ring = check(chain(5000, "f0()")).only(Code.CH0213);
    assertThat(ring.message()).startsWith("function `f0` calls itself through `f1`, `f2`, `f3`")
        .endsWith("`f4998` and `f4999`");
    Diagnostic self = check(chain(5000, "f4999()")).only(Code.CH0213);
    assertThat(self.message()).isEqualTo("function `f4999` calls itself");
  }
}
