package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html of a rehearsal and the history page, opened in a real browser: headless Chromium
 * renders each to a PNG of the window's size that is not blank (many colours, much ink). Skips
 * only when Chromium is absent outside CI; with CI=true it must run (scripts/test installs it).
 */
@Timeout(600)
class BrowserScreenshotTest {
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 2000;

  private static Path chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  @Test
  void theRunReportAndTheHistoryRenderInChromium(@TempDir Path dir) throws Exception {
    Path chromium = chromium();
    if (chromium == null) {
      assertThat(System.getenv("CI")).as("CI=true but Chromium is not installed "
          + "(apt-get install chromium; scripts/test does)").isNotEqualTo("true");
      assumeTrue(false, "Chromium is not installed (/usr/bin/chromium): apt-get install -y "
          + "chromium, or run scripts/test, which installs it");
    }
    Path run = dir.resolve("runs/pod-failure-1");
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox",
        HtmlReportRehearsalTest.POD_FAILURE.toString(), "--journal",
        run.resolve("journal.jsonl").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    Path history = dir.resolve("history.html");
    assertThat(new CliRunner().run("report", "--format", "html", "-o", history.toString(),
        dir.resolve("runs").toString()).exitCode()).isZero();

    for (Path page : List.of(run.resolve("report.html"), history)) {
      Path png = dir.resolve(page.getFileName() + ".png");
      screenshot(chromium, dir, page, png);
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image).as("%s decodes as an image", png).isNotNull();
      assertThat(image.getWidth()).isEqualTo(WIDTH);
      assertThat(image.getHeight()).isEqualTo(HEIGHT);
      Set<Integer> colours = new HashSet<>();
      long ink = 0;
      for (int y = 0; y < image.getHeight(); y += 2) {
        for (int x = 0; x < image.getWidth(); x += 2) {
          int rgb = image.getRGB(x, y) & 0xFFFFFF;
          colours.add(rgb);
          int red = rgb >> 16;
          int green = (rgb >> 8) & 0xFF;
          int blue = rgb & 0xFF;
          if (red + green + blue < 700) {
            ink++;
          }
        }
      }
      long sampled = (long) (WIDTH / 2) * (HEIGHT / 2);
      assertThat(colours.size()).as("distinct colours in %s", png).isGreaterThan(40);
      assertThat(ink).as("pixels with ink in %s", png).isGreaterThan(sampled / 200);
    }
  }

  private static void screenshot(Path chromium, Path dir, Path page, Path png) throws Exception {
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    Path log = dir.resolve(png.getFileName() + ".log");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT,
        page.toAbsolutePath().toUri().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = p.waitFor(240, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    assertThat(ended).as("Chromium finished within 240s; its log: %s", Files.readString(log))
        .isTrue();
    assertThat(png).as("Chromium wrote the screenshot; its log: %s", Files.readString(log))
        .exists();
  }
}
