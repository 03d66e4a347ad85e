package dev.rtprofile.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How conditions on attributes hold for merged values: on one value, and on a scan table's slot by
 * reading its columns (no objects made). Stateless; the search engine's evaluation of identity and
 * event conditions stays in {@link SearchEngine}.
 */
final class AttributeConditions {
  private AttributeConditions() {}

  /** Whether a leaf condition on an attribute holds for the merged value {@code v} (null: none). */
  static boolean leafMatches(Condition c, @Nullable Object v) {
    switch (c.op) {
      case EXISTS:
        return v != null;
      case MISSING:
        return v == null;
      default:
        break;
    }
    if (v == null) {
      return false;
    }
    switch (c.op) {
      case IN:
        return c.values.stream().anyMatch(bound -> Condition.compares(Condition.Op.EQ, v, bound));
      case BETWEEN:
        return Condition.compares(Condition.Op.GE, v, c.values.get(0))
            && Condition.compares(Condition.Op.LE, v, c.values.get(1));
      case STARTS_WITH:
        return v instanceof String s && s.startsWith((String) c.values.get(0));
      case CONTAINS:
        return v instanceof List<?> list
            && list.stream().anyMatch(e -> Condition.compares(Condition.Op.EQ, e, c.values.get(0)));
      default:
        return Condition.compares(c.op, v, c.values.get(0));
    }
  }

  /** Whether a condition reads only attributes (no identities, no events). */
  static boolean attributesOnly(Condition c) {
    return switch (c.op) {
      case HAS_NAMESPACE, HAS_IDENTITY, EVENTS -> false;
      case AND, OR, NOT -> c.children.stream().allMatch(AttributeConditions::attributesOnly);
      default -> true;
    };
  }

  /** A condition on attributes, on a scan table's slot: column reads, no objects made. */
  static boolean slotMatches(Condition c, ScanTable.Snapshot table, int slot) {
    switch (c.op) {
      case AND:
        for (Condition child : c.children) {
          if (!slotMatches(child, table, slot)) {
            return false;
          }
        }
        return true;
      case OR:
        for (Condition child : c.children) {
          if (slotMatches(child, table, slot)) {
            return true;
          }
        }
        return false;
      case NOT:
        return !slotMatches(c.children.get(0), table, slot);
      default:
        return leafMatches(c, table.columns().get(c.path)[slot]);
    }
  }
}
