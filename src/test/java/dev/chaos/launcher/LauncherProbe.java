package dev.chaos.launcher;

/** The main class of the stand-in jar {@link LauncherTest} runs: it says where and with what. */
public final class LauncherProbe {
  private LauncherProbe() {}

  public static void main(String[] args) {
    System.out.println("dir=" + System.getProperty("user.dir"));
    System.out.println("args=" + String.join("|", args));
  }
}
