package dev.rtprofile.benchmarks;

import java.util.HashSet;
import org.jgrapht.alg.util.UnionFind;

/**
 * JGraphT's {@link UnionFind} as a user would feed it one record at a time: its {@code addElement}
 * throws for an element already present and it has no public membership test, so this subclass adds
 * one through the protected parent map (the cheapest correct way, and fair to the baseline).
 */
public final class JGraphTUnionFind extends UnionFind<String> {

  /** Creates an empty union-find. */
  public JGraphTUnionFind() {
    super(new HashSet<>());
  }

  /** Adds {@code element} as a singleton set unless it is present. */
  public void addIfAbsent(String element) {
    if (!getParentMap().containsKey(element)) {
      addElement(element);
    }
  }
}
