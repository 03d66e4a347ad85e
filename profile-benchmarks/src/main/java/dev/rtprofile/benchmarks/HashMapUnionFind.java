package dev.rtprofile.benchmarks;

import java.util.HashMap;

/**
 * The baseline a developer would write by hand: a union-find over {@code NS:value} strings in a
 * {@code HashMap<String, String>} of parents, with path compression and union by size (sizes kept
 * for roots only, in a second map). Not thread-safe.
 */
public final class HashMapUnionFind {
  private final HashMap<String, String> parent;
  private final HashMap<String, Integer> size;
  private int sets;

  /** Creates an empty union-find sized for about {@code expected} elements. */
  public HashMapUnionFind(int expected) {
    parent = new HashMap<>(Math.max(16, expected * 4 / 3 + 1));
    size = new HashMap<>(Math.max(16, expected / 2));
  }

  /** Adds {@code element} as a singleton set unless it is present. */
  public void add(String element) {
    if (parent.putIfAbsent(element, element) == null) {
      sets++;
    }
  }

  /** Returns the representative of {@code element}'s set, or null if it was never added. */
  public String find(String element) {
    String p = parent.get(element);
    if (p == null) {
      return null;
    }
    String root = element;
    int depth = 0;
    while (!p.equals(root)) {
      root = p;
      p = parent.get(root);
      depth++;
    }
    if (depth > 1) {
      // Path compression: point every element on the path at the root.
      String x = element;
      while (!x.equals(root)) {
        x = parent.put(x, root);
      }
    }
    return root;
  }

  /** Joins the sets of two present elements, the smaller under the larger. */
  public void union(String a, String b) {
    String ra = find(a);
    String rb = find(b);
    if (ra.equals(rb)) {
      return;
    }
    int sa = size.getOrDefault(ra, 1);
    int sb = size.getOrDefault(rb, 1);
    if (sa < sb) {
      String t = ra;
      ra = rb;
      rb = t;
    }
    parent.put(rb, ra);
    size.remove(rb);
    size.put(ra, sa + sb);
    sets--;
  }

  /** How many disjoint sets there are. */
  public int sets() {
    return sets;
  }
}
