package dev.chaos.drivers.postgres;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PGobject;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JDBC column value as a Json tree, as `postgres.scalar` returns it: numbers stay numbers
 * (a `numeric` without fraction an integer), `json` and `jsonb` are parsed, arrays become lists
 * and every other type (timestamps, intervals, uuids) its PostgreSQL text.
 */
final class JdbcJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JdbcJson() {}

  static Object tree(Object value) throws SQLException {
    if (value == null || value instanceof String || value instanceof Boolean
        || value instanceof Number && !(value instanceof BigDecimal)) {
      return value;
    }
    if (value instanceof BigDecimal decimal) {
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException notAnInteger) {
        return decimal.doubleValue();
      }
    }
    if (value instanceof PGobject object && object.getValue() != null
        && ("json".equals(object.getType()) || "jsonb".equals(object.getType()))) {
      try {
        return JSON.readValue(object.getValue(), Object.class);
      } catch (JacksonException e) {
        return object.getValue();
      }
    }
    if (value instanceof Array array) {
      List<Object> items = new ArrayList<>();
      for (Object item : (Object[]) array.getArray()) {
        items.add(tree(item));
      }
      return items;
    }
    if (value instanceof PGobject object) {
      return object.getValue();
    }
    return value.toString();
  }
}
