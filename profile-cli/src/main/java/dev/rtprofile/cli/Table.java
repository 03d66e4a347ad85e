package dev.rtprofile.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Aligned columns for {@code --format table}: numbers right-aligned, the rest left-aligned. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  Table(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  /** Adds a row; {@code null} cells print as {@code -}. */
  Table row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException(
          "cells must number " + columns + ", but were " + cells.length);
    }
    String[] row = new String[columns];
    for (int i = 0; i < columns; i++) {
      row[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
    }
    rows.add(row);
    return this;
  }

  /** Prints the table, each line indented by {@code indent}. */
  void print(PrintStream out, String indent) {
    int[] width = new int[columns];
    boolean[] numeric = new boolean[columns];
    java.util.Arrays.fill(numeric, rows.size() > 1);
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], rows.get(r)[c].length());
        if (r > 0 && !rows.get(r)[c].matches("-?[0-9][0-9,.]*( s)?|-")) {
          numeric[c] = false;
        }
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int c = 0; c < columns; c++) {
        String cell = row[c];
        String pad = " ".repeat(width[c] - cell.length());
        line.append(numeric[c] ? pad + cell : cell + (c == columns - 1 ? "" : pad));
        if (c < columns - 1) {
          line.append("  ");
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  void print(PrintStream out) {
    print(out, "");
  }
}
