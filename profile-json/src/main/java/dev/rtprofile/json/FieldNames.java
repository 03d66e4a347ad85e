package dev.rtprofile.json;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The field names of the documents of one stream, as a tree: each (parent, name) pair gets its
 * dot-separated attribute path made and checked once per stream rather than once per line, and the
 * same {@code String} instance (with its hash computed) reaches the store for every line. It also
 * finds duplicate names: a node remembers the last document that entered it.
 *
 * <p>Bounded: beyond {@link #MAX_KEPT} nodes, new names get nodes that are not kept (made again on
 * every use, duplicates found through a per-document set), so hostile input with endless distinct
 * names costs time, not memory. Not thread-safe: one per stream.
 */
final class FieldNames {
  static final int MAX_KEPT = 4096;

  /** One field name under its parent. */
  static final class Node {
    /** The dot-separated path; empty for the root. */
    final String path;

    private final String name;

    /** The first child entered in the last document that entered this node: the first guess. */
    private @Nullable Node first;

    /** The sibling entered after this one in the last document: the guess after this one. */
    private @Nullable Node next;

    private final boolean kept;
    private @Nullable HashMap<String, Node> children;

    /** The last document that entered this node. */
    private long seen;

    private Node(String path, String name, boolean kept) {
      this.path = path;
      this.name = name;
      this.kept = kept;
    }
  }

  private final Node root = new Node("", "", true);
  private int kept;
  private long document;
  private @Nullable Set<String> unkeptSeen;

  /** The root of every document; its children are the top-level names. */
  Node root() {
    return root;
  }

  /** Starts a new document: names entered before no longer count as duplicates. */
  void nextDocument() {
    document++;
    if (unkeptSeen != null) {
      unkeptSeen.clear();
    }
  }

  /**
   * Enters {@code name} under {@code parent} in the current document, after {@code previous} (the
   * sibling entered just before, null for the first). Documents of one stream tend to repeat their
   * names in the same order, so the node that followed {@code previous} last time is tried first,
   * by reference: the parser hands out one canonical instance per name.
   *
   * @throws InvalidJsonException if the name is empty or holds a dot, or was entered under the same
   *     parent in this document already
   */
  Node enter(Node parent, @Nullable Node previous, String name) {
    Node node = previous == null ? parent.first : previous.next;
    if (node == null || node.name != name) {
      HashMap<String, Node> children = parent.children;
      node = children == null ? null : children.get(name);
      if (node == null) {
        node = create(parent, name);
      }
    }
    if (node.kept) {
      if (previous == null) {
        parent.first = node;
      } else {
        previous.next = node;
      }
    }
    if (node.kept) {
      if (node.seen == document) {
        throw duplicate(parent, name);
      }
      node.seen = document;
    } else {
      if (unkeptSeen == null) {
        unkeptSeen = new HashSet<>();
      }
      if (!unkeptSeen.add(node.path)) {
        throw duplicate(parent, name);
      }
    }
    return node;
  }

  private Node create(Node parent, String name) {
    if (name.isEmpty() || name.indexOf('.') >= 0) {
      throw new InvalidJsonException(
          InputProblem.INVALID_ATTRIBUTE,
          "field names must be non-empty and hold no dot, but "
              + (parent == root ? "a top-level field" : "a field under " + parent.path)
              + " was '"
              + Timestamps.abbreviate(name)
              + "'");
    }
    String path = parent == root ? name : parent.path + "." + name;
    if (!parent.kept || kept >= MAX_KEPT) {
      return new Node(path, name, false);
    }
    Node node = new Node(path, name, true);
    if (parent.children == null) {
      parent.children = new HashMap<>();
    }
    parent.children.put(name, node);
    kept++;
    return node;
  }

  private static InvalidJsonException duplicate(Node parent, String name) {
    return new InvalidJsonException(
        InputProblem.MALFORMED_JSON,
        "Duplicate field '"
            + Timestamps.abbreviate(name)
            + "'"
            + (parent.path.isEmpty() ? "" : " in " + Timestamps.abbreviate(parent.path)));
  }
}
