package dev.chaos.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The constants of {@link Type} are set whichever class the JVM initialises first. A test JVM
 * has long initialised both, so each case loads the classes afresh in a loader of its own.
 */
class TypeInitialisationTest {
  private static Object constant(String firstTouched, String field) throws Exception {
    URL classes = Type.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Class.forName(firstTouched, true, fresh);
      return Class.forName("dev.chaos.types.Type", true, fresh).getField(field).get(null);
    }
  }

  @Test
  void constantsAreSetWhenTheEnumIsTouchedFirst() throws Exception {
    // a checker without drivers touches Type.Prim (to list the type names) before Type itself
    assertThat(constant("dev.chaos.types.Type$Prim", "STRING")).isNotNull();
    assertThat(constant("dev.chaos.types.Type$Prim", "INT")).isNotNull();
  }

  @Test
  void constantsAreSetWhenARecordTypeIsTouchedFirst() throws Exception {
    assertThat(constant("dev.chaos.types.Type$ListOf", "DURATION")).isNotNull();
  }

  @Test
  void constantsAreSetWhenTheInterfaceIsTouchedFirst() throws Exception {
    assertThat(constant("dev.chaos.types.Type", "PERCENT")).isNotNull();
  }
}
