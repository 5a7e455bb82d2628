package dev.chaos.launcher;

/**
 * The main class of the stand-in jar {@link LauncherTest} runs, renamed there to the main class
 * the launcher names: it says where, with what, on which class path and whether plug-ins are
 * looked for.
 */
public final class LauncherProbe {
  private LauncherProbe() {}

  public static void main(String[] args) {
    System.out.println("dir=" + System.getProperty("user.dir"));
    System.out.println("args=" + String.join("|", args));
    System.out.println("classpath=" + System.getProperty("java.class.path"));
    System.out.println("builtInOnly=" + System.getProperty("chaos.drivers.builtInOnly"));
  }
}
