package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.ParamDecl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * `fn`s that call themselves, directly or through other `fn`s of the file (CH0213). A `fn` body
 * is one expression, with no `if` to end a recursion, so such a call would never return.
 * Another module cannot close the loop, since imports may not form a cycle. One diagnostic per
 * loop, at the call that starts it in its first function in the file.
 */
final class Recursion {
  /** A call from one `fn` of the file to another (or itself). */
  private record Edge(Decl.Fn callee, Expr.Call call) {}

  /** The file's `fn`s in order, and each one's calls to `fn`s of the file (by identity). */
  private final List<Decl.Fn> fns;
  private final Map<Decl.Fn, List<Edge>> edges = new IdentityHashMap<>();
  /** Each `fn`'s strongly connected component: a loop through a `fn` stays inside its own. */
  private final Map<Decl.Fn, Integer> component = new IdentityHashMap<>();

  private Recursion(List<Decl.Fn> fns, CheckedProgram out) {
    this.fns = fns;
    for (Decl.Fn fn : fns) {
      List<Edge> calls = new ArrayList<>();
      List<Expr> parts = new ArrayList<>();
      for (ParamDecl p : fn.params()) {
        if (p.defaultValue() != null) {
          parts.add(p.defaultValue()); // evaluated on each call that leaves it out
        }
      }
      parts.add(fn.body());
      for (Expr part : parts) {
        for (Expr.Call call : Walk.calls(part)) {
          CallInfo info = out.callOf(call);
          if (info != null && info.callee() instanceof Callee.UserFn target
              && target.owner() == out) {
            calls.add(new Edge(target.fn(), call));
          }
        }
      }
      edges.put(fn, calls);
    }
    components();
  }

  /** One frame of the depth-first search of {@link #components}: a `fn` and its next call. */
  private static final class Frame {
    final Decl.Fn fn;
    int next;

    Frame(Decl.Fn fn) {
      this.fn = fn;
    }
  }

  /**
   * Tarjan's strongly connected components, with an explicit stack (a chain of thousands of
   * `fn`s would overflow the thread's). Searching for a loop from every `fn` through all the
   * others took the square of their number (4,000 `fn`s each calling the next: 0.9 s, 4 times
   * as long at twice as many; bench/FuzzScaling.java); within its component, a search only
   * meets the `fn`s that can lead back.
   */
  private void components() {
    Map<Decl.Fn, Integer> index = new IdentityHashMap<>();
    Map<Decl.Fn, Integer> low = new IdentityHashMap<>();
    Deque<Decl.Fn> stack = new ArrayDeque<>();
    Set<Decl.Fn> onStack = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Frame> work = new ArrayDeque<>();
    int count = 0;
    int components = 0;
    for (Decl.Fn root : fns) {
      if (index.containsKey(root)) {
        continue;
      }
      index.put(root, count);
      low.put(root, count++);
      stack.push(root);
      onStack.add(root);
      work.push(new Frame(root));
      while (!work.isEmpty()) {
        Frame frame = work.peek();
        List<Edge> calls = edges.get(frame.fn);
        if (frame.next < calls.size()) {
          Decl.Fn callee = calls.get(frame.next++).callee();
          if (!edges.containsKey(callee)) {
            continue;
          }
          if (!index.containsKey(callee)) {
            index.put(callee, count);
            low.put(callee, count++);
            stack.push(callee);
            onStack.add(callee);
            work.push(new Frame(callee));
          } else if (onStack.contains(callee)) {
            low.put(frame.fn, Math.min(low.get(frame.fn), index.get(callee)));
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          Decl.Fn caller = work.peek().fn;
          low.put(caller, Math.min(low.get(caller), low.get(frame.fn)));
        }
        if (low.get(frame.fn).equals(index.get(frame.fn))) {
          Decl.Fn member;
          do {
            member = stack.pop();
            onStack.remove(member);
            component.put(member, components);
          } while (member != frame.fn);
          components++;
        }
      }
    }
  }

  static void report(List<Decl.Fn> fns, CheckedProgram out, Reporter reporter) {
    new Recursion(fns, out).report(reporter);
  }

  private void report(Reporter reporter) {
    Set<Decl.Fn> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Decl.Fn fn : fns) {
      if (reported.contains(fn)) {
        continue;
      }
      List<Edge> cycle = cycleThrough(fn);
      if (cycle.isEmpty()) {
        continue;
      }
      cycle.forEach(e -> reported.add(e.callee()));
      String name = fn.name().name();
      Edge first = cycle.get(0);
      List<String> others = cycle.subList(0, cycle.size() - 1).stream()
          .map(e -> "`" + e.callee().name().name() + "`").collect(Collectors.toList());
      String message = others.isEmpty() ? "function `" + name + "` calls itself"
          : "function `" + name + "` calls itself through " + joinAnd(others);
      reporter.report(Code.CH0213, first.call().callee().span(), message,
          others.isEmpty() ? "this call never returns" : "this call leads back to `" + name + "`",
          "a `fn` cannot call itself, even through other `fn`s: compute the value without"
              + " calling `" + name + "`");
    }
  }

  /** A breadth-first search state: a `fn` reached by a call from the state before. */
  private record Step(Decl.Fn fn, Edge via, Step from) {}

  /**
   * The shortest chain of calls from {@code start} back to itself, first call first; empty when
   * there is none. Breadth first, so `f` calling itself is found before a longer loop.
   */
  private List<Edge> cycleThrough(Decl.Fn start) {
    Set<Decl.Fn> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Step> queue = new ArrayDeque<>();
    queue.add(new Step(start, null, null));
    while (!queue.isEmpty()) {
      Step step = queue.poll();
      for (Edge e : edges.getOrDefault(step.fn(), List.of())) {
        if (e.callee() == start) {
          List<Edge> path = new ArrayList<>();
          path.add(e);
          for (Step s = step; s.via() != null; s = s.from()) {
            path.add(0, s.via());
          }
          return path;
        }
        if (edges.containsKey(e.callee())
            && component.get(e.callee()).equals(component.get(start)) && seen.add(e.callee())) {
          queue.add(new Step(e.callee(), e, step));
        }
      }
    }
    return List.of();
  }

  /** "`a`", "`a` and `b`", "`a`, `b` and `c`". */
  private static String joinAnd(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }
}
